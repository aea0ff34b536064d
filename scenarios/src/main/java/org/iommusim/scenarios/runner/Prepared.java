package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.schema.ScenarioSchema;

/**
 * A scenario ready to run: loaded, expanded into its {@link Plan}, and every variant's model
 * built once without running ({@link ScenarioModel#check()}), so all bad input — in the file,
 * in a variant, at a sweep point, in {@code --set} — is reported before anything simulates.
 *
 * @param name   the scenario's name (its {@code name} key, else the file or catalog name)
 * @param base   the scenario without variant overrides (its effective configuration is written)
 * @param plan   the variants to run
 * @param models one model per plan point, in plan order
 */
public record Prepared(String name, ScenarioSource source, EffectiveConfig<Scenario> base, Plan plan,
                       List<ScenarioModel> models) {

    public Prepared {
        models = List.copyOf(models);
    }

    /** Loads {@code source} with {@code sets} (--set arguments, which win over variants) and checks every variant. */
    public static Prepared of(ScenarioSource source, List<String> sets) {
        EffectiveConfig<Scenario> base = ScenarioSchema.loader().load(source.text(), source.sourceName(), sets);
        Plan plan = Plan.of(base);
        List<ScenarioModel> models = new ArrayList<>();
        for (Plan.Point p : plan.points()) {
            EffectiveConfig<Scenario> c = p.sets().isEmpty() ? base
                    : ScenarioSchema.loader().load(source.text(), source.sourceName(), p.sets(), sets);
            ScenarioModel m = new ScenarioModel(c, source.baseDir());
            m.check();
            models.add(m);
        }
        String name = base.value().name() == null ? source.defaultName() : base.value().name();
        return new Prepared(name, source, base, plan, models);
    }

    /**
     * Two scenarios compared as two variants named after them ({@code -a}/{@code -b} appended when
     * the names are equal); a scenario with variants or a sweep cannot be paired.
     */
    public static Prepared pair(Prepared a, Prepared b) {
        for (Prepared x : List.of(a, b)) {
            if (x.plan().points().size() != 1) {
                throw new org.iommusim.core.input.UserInputException(x.source().sourceName() + " has "
                        + x.plan().points().size() + " variants; compare two single-variant scenarios, or one"
                        + " scenario's variants with 'compare SCENARIO'");
            }
        }
        String na = a.name().equals(b.name()) ? a.name() + "-a" : a.name();
        String nb = a.name().equals(b.name()) ? b.name() + "-b" : b.name();
        Plan plan = new Plan(List.of(new Plan.Point(na, java.util.Map.of(), List.of()),
                new Plan.Point(nb, java.util.Map.of(), List.of())), List.of());
        return new Prepared(na + "-vs-" + nb, a.source(), a.base(), plan,
                List.of(a.models().get(0), b.models().get(0)));
    }

    /** Replications of every variant together (each variant may set its own count). */
    public int runs() {
        int n = 0;
        for (ScenarioModel m : models) {
            n += m.scenario().replications();
        }
        return n;
    }

    /** Simulated time of all runs together, for progress. */
    public long simulatedPs() {
        long t = 0;
        for (ScenarioModel m : models) {
            t += m.scenario().replications() * (m.scenario().warmup() + m.scenario().duration());
        }
        return t;
    }
}
