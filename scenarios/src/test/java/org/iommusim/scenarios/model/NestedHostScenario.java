package org.iommusim.scenarios.model;

/**
 * The scenario head several model tests start from: 40 µs, a 64 MiB host root and a
 * bind-invalidate child nested on it by hardware with a 4 MiB guest mapping at 256 MiB; the
 * caller appends its warm-up, devices and workloads after {@code devices:}.
 */
final class NestedHostScenario {
    private NestedHostScenario() {
    }

    /** The head with the given warm-up, ending with the line {@code devices:}. */
    static String head(String warmup) {
        return """
                duration: 40us
                warmup: %s
                ioasids:
                  - name: host
                    maps:
                      - {iova: 0, pa: 256GiB, bytes: 64MiB}
                  - name: child
                    parent: host
                    mode: bind-invalidate
                    nesting: hardware
                    guest:
                      maps:
                        - {iova: 256MiB, gpa: 16MiB, bytes: 4MiB}
                devices:
                """.formatted(warmup);
    }
}
