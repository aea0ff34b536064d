package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.model.ScenarioSchema;

/**
 * A scenario ready to run: loaded, expanded into its {@link Plan}, its memory estimated
 * ({@link MemoryEstimate}: refused if it would not fit in the heap), and every variant's model
 * built once without running ({@link ScenarioModel#check()}), so all bad input — in the file,
 * in a variant, at a sweep point, in {@code --set} — is reported before anything simulates.
 *
 * @param name   the scenario's name (its {@code name} key, else the file or catalog name)
 * @param base   the scenario without variant overrides (its effective configuration is written)
 * @param plan   the variants to run
 * @param models one model per plan point, in plan order
 * @param compared when several scenarios are compared ({@link #group}), each one as a variant: its
 *                 name, where it came from and its effective configuration; empty otherwise
 * @param specs    how to build each plan point's model again elsewhere (a {@link PointTask} carries it)
 */
public record Prepared(String name, ScenarioSource source, EffectiveConfig<Scenario> base, Plan plan,
                       List<ScenarioModel> models, List<Compared> compared, List<PointTask.Spec> specs) {

    /** One of several compared scenarios: the variant it became, its source and effective configuration. */
    public record Compared(String variant, ScenarioSource source, EffectiveConfig<Scenario> config) {
    }

    /** The {@code jobs} of {@link #of(ScenarioSource, List, int)} that means "choose" ({@link MemoryEstimate#jobs}). */
    public static final int AUTO_JOBS = 0;

    public Prepared {
        models = List.copyOf(models);
        compared = List.copyOf(compared);
        specs = List.copyOf(specs);
        if (specs.size() != models.size()) {
            throw new IllegalArgumentException(specs.size() + " point specs for " + models.size() + " models");
        }
    }

    /** Loads {@code source} with {@code sets} (--set arguments, which win over variants) and checks every variant. */
    public static Prepared of(ScenarioSource source, List<String> sets) {
        return of(source, sets, 1, false);
    }

    /**
     * As {@link #of(ScenarioSource, List)}, loading the plan points and building the variants'
     * check models on up to {@code jobs} threads (building a model can be most of a short sweep: mapping the address
     * spaces, creating guest tables); {@link #AUTO_JOBS} uses one per processor, no more than fit
     * in the heap ({@link MemoryEstimate#jobs}). The failure reported is the one a serial check
     * would report: the first in plan order, a variant's loading before its check. For a run:
     * when every point's model fits in the heap beside the running ones
     * ({@link MemoryEstimate#fitsKept}), the models built by the check are kept for the points'
     * first replications, which then do not build them again (same models, same results; the
     * two-argument form keeps none, e.g. for a benchmark that times building).
     */
    public static Prepared of(ScenarioSource source, List<String> sets, int jobs) {
        return of(source, sets, jobs, true);
    }

    private static Prepared of(ScenarioSource source, List<String> sets, int jobs, boolean keep) {
        EffectiveConfig<Scenario> base = ScenarioSchema.loader().load(source.text(), source.sourceName(), sets);
        Plan plan = Plan.of(base);
        List<java.util.concurrent.Callable<Object>> loads = new ArrayList<>();
        for (Plan.Point p : plan.points()) { // each point loads the file again with its overrides
            loads.add(() -> {
                try {
                    return pointModel(source, base, p, sets);
                } catch (RuntimeException e) {
                    return e;
                }
            });
        }
        List<ScenarioModel> models = new ArrayList<>();
        RuntimeException loadFailure = null;
        for (Object loaded : Parallel.inOrder(loads, jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors(),
                "load")) {
            if (loaded instanceof RuntimeException e) {
                loadFailure = e;
                break;
            }
            models.add((ScenarioModel) loaded);
        }
        List<Scenario> scenarios = models.stream().map(ScenarioModel::scenario).toList();
        int threads = MemoryEstimate.jobs(scenarios, jobs);
        MemoryEstimate.check(scenarios, threads);
        check(models, threads, keep && MemoryEstimate.fitsKept(scenarios, threads));
        if (loadFailure != null) {
            throw loadFailure;
        }
        String name = base.value().name() == null ? source.defaultName() : base.value().name();
        List<PointTask.Spec> specs = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            specs.add(PointTask.Spec.of(source, sets, i));
        }
        return new Prepared(name, source, base, plan, models, List.of(), specs);
    }

    /**
     * The model of one plan point: the scenario itself when the point overrides nothing, else
     * the scenario loaded again with the point's overrides under {@code sets}. The local runner
     * and a remote task ({@link PointTask}) build their models here, so both run the same thing.
     */
    static ScenarioModel pointModel(ScenarioSource source, EffectiveConfig<Scenario> base, Plan.Point p,
                                    List<String> sets) {
        EffectiveConfig<Scenario> c = p.sets().isEmpty() ? base
                : ScenarioSchema.loader().load(source.text(), source.sourceName(), p.sets(), sets);
        return new ScenarioModel(c, source.baseDir());
    }

    /**
     * Checks every model, in parallel when {@code jobs > 1}; rethrows the first failure in list
     * order. With {@code keep}, each model keeps what its check built for its first replication
     * ({@link ScenarioModel#checkAndKeep}).
     */
    private static void check(List<ScenarioModel> models, int jobs, boolean keep) {
        List<java.util.concurrent.Callable<Void>> checks = new ArrayList<>();
        for (ScenarioModel m : models) {
            checks.add(() -> {
                if (keep) {
                    m.checkAndKeep();
                } else {
                    m.check();
                }
                return null;
            });
        }
        Parallel.inOrder(checks, jobs, "check");
    }

    /**
     * Two scenarios compared as two variants; see {@link #group}.
     */
    public static Prepared pair(Prepared a, Prepared b) {
        return group(List.of(a, b));
    }

    /**
     * Several scenarios (two or more) compared as variants named after them, in the order given
     * (a name given twice or more gets {@code -a}, {@code -b}... appended); a scenario with
     * variants or a sweep cannot be one of them. Every scenario's source and effective
     * configuration is kept ({@link #compared}) for the result files.
     */
    public static Prepared group(List<Prepared> scenarios) {
        if (scenarios.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two or more scenarios, got " + scenarios.size());
        }
        for (Prepared x : scenarios) {
            if (x.plan().points().size() != 1) {
                throw new org.iommusim.core.input.UserInputException(x.source().sourceName() + " has "
                        + x.plan().points().size() + " variants; compare single-variant scenarios, or one"
                        + " scenario's variants with 'compare SCENARIO'");
            }
        }
        List<String> names = uniqueNames(scenarios.stream().map(Prepared::name).toList());
        List<Plan.Point> points = new ArrayList<>();
        List<ScenarioModel> models = new ArrayList<>();
        List<Compared> compared = new ArrayList<>();
        List<PointTask.Spec> specs = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Prepared x = scenarios.get(i);
            points.add(new Plan.Point(names.get(i), java.util.Map.of(), List.of()));
            models.add(x.models().get(0));
            compared.add(new Compared(names.get(i), x.source(), x.models().get(0).config()));
            specs.add(x.specs().get(0));
        }
        Prepared first = scenarios.get(0);
        return new Prepared(String.join("-vs-", names), first.source(), first.base(), new Plan(points, List.of()),
                models, compared, specs);
    }

    /** {@code names} with {@code -a}, {@code -b}... appended to each name given more than once. */
    static List<String> uniqueNames(List<String> names) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        names.forEach(n -> seen.merge(n, 1, Integer::sum));
        java.util.Map<String, Integer> next = new java.util.HashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String u = n;
            if (seen.get(n) > 1) {
                int k = next.merge(n, 1, Integer::sum) - 1;
                u = n + "-" + (k < 26 ? String.valueOf((char) ('a' + k)) : String.valueOf(k + 1));
            }
            for (int i = 2; !used.add(u); i++) {
                u = n + "-" + i;
            }
            out.add(u);
        }
        return out;
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
            t += m.scenario().replications() * m.scenario().simulatedPerReplication();
        }
        return t;
    }
}
