package dev.shiplog.registry.configindex.deployment;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import javax.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.PrimitiveType;
import org.jboss.jandex.Type;

import apicurio.common.app.components.config.index.DynamicPropertiesInfoRecorder;
import io.apicurio.common.apps.config.Dynamic;
import io.apicurio.common.apps.config.DynamicConfigPropertyDef;
import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * Build-time half of Apicurio's "Config Index" extension, written for Shiplog because the original
 * deployment artifact is not published on Maven Central.
 * <p>
 * Apicurio marks run-time-changeable settings with {@code @Dynamic @ConfigProperty(name = ...)} on a
 * {@code Supplier<T>} injection point. At run time, {@code DynamicConfigPropertyIndexImpl} injects a
 * {@link DynamicConfigPropertyList} describing all of them. This step finds those injection points
 * once, at build time, and publishes that list as a synthetic singleton bean through the runtime
 * half's {@link DynamicPropertiesInfoRecorder}.
 */
public class ConfigIndexProcessor {

    private static final DotName DYNAMIC = DotName.createSimple(Dynamic.class.getName());
    private static final DotName CONFIG_PROPERTY = DotName.createSimple(ConfigProperty.class.getName());

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem("apicurio-config-index");
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem indexDynamicProperties(BeanDiscoveryFinishedBuildItem beanDiscovery,
            DynamicPropertiesInfoRecorder recorder) {
        // Keyed by property name: one property may be injected in several beans. Sorted for a stable build.
        Map<String, DynamicConfigPropertyDef> byName = new TreeMap<>();
        for (InjectionPointInfo injectionPoint : beanDiscovery.getInjectionPoints()) {
            AnnotationInstance dynamic = injectionPoint.getRequiredQualifier(DYNAMIC);
            if (dynamic == null) {
                continue;
            }
            AnnotationInstance configProperty = injectionPoint.getRequiredQualifier(CONFIG_PROPERTY);
            if (configProperty == null || configProperty.value("name") == null) {
                throw new IllegalStateException("@Dynamic needs @ConfigProperty(name = ...) on the same injection point: "
                        + injectionPoint.getTargetInfo());
            }
            String name = configProperty.value("name").asString();
            AnnotationValue defaultValue = configProperty.value("defaultValue");
            DynamicConfigPropertyDef def = new DynamicConfigPropertyDef(name, valueClass(injectionPoint),
                    defaultValue == null ? null : defaultValue.asString());
            def.setLabel(stringMember(dynamic, "label"));
            def.setDescription(stringMember(dynamic, "description"));
            AnnotationValue requires = dynamic.value("requires");
            def.setRequires(requires == null ? new String[0] : requires.asStringArray());

            DynamicConfigPropertyDef previous = byName.putIfAbsent(name, def);
            if (previous != null && !previous.getType().equals(def.getType())) {
                throw new IllegalStateException("Dynamic property '" + name + "' is injected with two types: "
                        + previous.getType().getName() + " and " + def.getType().getName());
            }
        }
        return SyntheticBeanBuildItem.configure(DynamicConfigPropertyList.class)
                .scope(Singleton.class)
                .unremovable()
                .runtimeValue(recorder.initializePropertiesInfo(new ArrayList<>(byName.values())))
                .done();
    }

    /** {@code Supplier<Boolean>} gives {@code Boolean}; a plain {@code boolean} gives {@code Boolean} too. */
    private static Class<?> valueClass(InjectionPointInfo injectionPoint) {
        Type type = injectionPoint.getRequiredType();
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            type = type.asParameterizedType().arguments().get(0);
        }
        if (type.kind() == Type.Kind.PRIMITIVE) {
            return boxed(type.asPrimitiveType().primitive());
        }
        String className = type.name().toString();
        try {
            return Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cannot load type " + className + " of dynamic property at "
                    + injectionPoint.getTargetInfo(), e);
        }
    }

    private static Class<?> boxed(PrimitiveType.Primitive primitive) {
        return switch (primitive) {
            case BOOLEAN -> Boolean.class;
            case BYTE -> Byte.class;
            case SHORT -> Short.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case CHAR -> Character.class;
        };
    }

    /** Jandex leaves out members left at their default; the defaults of {@code @Dynamic} are "". */
    private static String stringMember(AnnotationInstance annotation, String member) {
        AnnotationValue value = annotation.value(member);
        return value == null ? "" : value.asString();
    }
}
