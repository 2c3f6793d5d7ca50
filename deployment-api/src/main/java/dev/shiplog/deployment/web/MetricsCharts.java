package dev.shiplog.deployment.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics API's figures drawn as the metrics page's charts (pure: numbers in, bar sizes out): each figure of the
 * window with its target and whether it is met, and per week the deployments and the success rate.
 */
public final class MetricsCharts {

    /** One figure: its value as text, a bar of 0..100 (against its target, or a ratio), and its target met or not. */
    @TemplateData
    public record Figure(String name, String value, String unit, String definition, String target, long sample,
            int bar, Boolean met) {
    }

    /** One week's bar: its label, its value as text and its height in 0..100. */
    @TemplateData
    public record Bar(String label, String text, int height, int x) {

        /** Where the bar's top is, in a chart 100 high. */
        public int y() {
            return 100 - height;
        }
    }

    @TemplateData
    public record Charts(List<Figure> figures, List<Bar> deployments, List<Bar> success) {
    }

    /** The window's figures, and the weeks' ({@code from}, {@code figures} by name) as two series of bars. */
    @SuppressWarnings("unchecked")
    public static Charts of(Map<String, Object> window, List<Map<String, Object>> weeks) {
        List<Figure> figures = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) window.getOrDefault("figures", List.of())) {
            figures.add(figure(f));
        }
        List<Double> counts = new ArrayList<>();
        for (Map<String, Object> week : weeks) {
            Map<String, Map<String, Object>> byName = (Map<String, Map<String, Object>>) week.get("figures");
            Double perDay = number(byName.getOrDefault("deploymentFrequency", Map.of()).get("value"));
            counts.add(perDay == null ? 0 : perDay * 7);
        }
        double most = counts.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Bar> deployments = new ArrayList<>();
        List<Bar> success = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            String label = String.valueOf(weeks.get(i).get("from")).substring(5);
            double count = counts.get(i);
            deployments.add(new Bar(label, String.valueOf(Math.round(count)), most == 0 ? 0
                    : (int) Math.round(100 * count / most), i * 12));
            Map<String, Map<String, Object>> byName = (Map<String, Map<String, Object>>) weeks.get(i).get("figures");
            Double rate = number(byName.getOrDefault("successRate", Map.of()).get("value"));
            success.add(new Bar(label, rate == null ? "none" : Math.round(rate * 100) + " %", rate == null ? 0
                    : (int) Math.round(rate * 100), i * 12));
        }
        return new Charts(figures, deployments, success);
    }

    /** The figures of one answer of the metrics API, by name. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> byName(Map<String, Object> answer) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) answer.getOrDefault("figures", List.of())) {
            out.put(String.valueOf(f.get("name")), f);
        }
        return out;
    }

    static Figure figure(Map<String, Object> f) {
        Double value = number(f.get("value"));
        String unit = String.valueOf(f.get("unit"));
        String target = f.get("target") == null ? null : String.valueOf(f.get("target"));
        Double limit = target == null ? null : number(target.replaceAll("[<>= ]", ""));
        Boolean met = value == null || limit == null ? null
                : target.trim().startsWith(">") ? value > limit : value < limit;
        int bar;
        if (value == null) {
            bar = 0;
        } else if ("ratio".equals(unit)) {
            bar = (int) Math.round(Math.min(1, Math.max(0, value)) * 100);
        } else if (limit != null && limit > 0) {
            bar = (int) Math.round(Math.min(1, value / limit) * 100);
        } else {
            bar = 100;
        }
        String text = value == null ? "no data" : "ratio".equals(unit)
                ? String.format(Locale.ROOT, "%.1f %%", value * 100)
                : String.format(Locale.ROOT, "%.2f %s", value, unit);
        Object sample = f.get("sample");
        return new Figure(String.valueOf(f.get("name")), text, unit, String.valueOf(f.get("definition")), target,
                sample instanceof Number n ? n.longValue() : 0, bar, met);
    }

    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return value == null ? null : Double.valueOf(String.valueOf(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private MetricsCharts() {
    }
}
