package dev.shiplog.environment.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.environment.domain.Settings;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How the domain's values look as JSON where the domain (which knows nothing of JSON) cannot say it itself: typed
 * settings leave out what is not set ({@code {"scaling": {"instances": 1}}}, not a list of nulls).
 */
@Singleton
public class JsonShapes implements ObjectMapperCustomizer {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class LeaveOutWhatIsNotSet {
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Settings.class, LeaveOutWhatIsNotSet.class);
        mapper.addMixIn(Settings.Scaling.class, LeaveOutWhatIsNotSet.class);
        mapper.addMixIn(Settings.BuildLimits.class, LeaveOutWhatIsNotSet.class);
        mapper.addMixIn(Settings.InstanceLimits.class, LeaveOutWhatIsNotSet.class);
    }
}
