package org.iommusim.scenarios.config;

/** Prints the demo reference.yaml (run by hand to regenerate the test resource). */
final class GenerateDemoReference {
    private GenerateDemoReference() {
    }

    static String render() {
        return ReferenceWriter.render(Schema.of(DemoConfig.class), "Demo reference configuration (tests only).");
    }

    public static void main(String[] args) {
        System.out.print(render());
    }
}
