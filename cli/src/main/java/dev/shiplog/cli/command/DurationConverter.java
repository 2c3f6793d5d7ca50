package dev.shiplog.cli.command;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration as people write it: {@code 90} or {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT5M}). */
public class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,7})(s|m|h)?");

    @Override
    public Duration convert(String value) {
        Matcher simple = SIMPLE.matcher(value.strip().toLowerCase(Locale.ROOT));
        Duration duration;
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2) == null ? "s" : simple.group(2);
            duration = switch (unit) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                duration = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new TypeConversionException("not a duration: '" + value + "' (e.g. 90s, 10m, 1h)");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("the duration must be positive: '" + value + "'");
        }
        return duration;
    }
}
