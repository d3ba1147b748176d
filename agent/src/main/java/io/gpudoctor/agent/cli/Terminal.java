package io.gpudoctor.agent.cli;

/** Whether output goes to a person's terminal that wants colours (https://no-color.org). */
final class Terminal {

    private Terminal() {
    }

    static boolean colours() {
        return System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
    }
}
