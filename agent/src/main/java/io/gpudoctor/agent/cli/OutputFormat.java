package io.gpudoctor.agent.cli;

/** {@code --format}: for people or for scripts. */
enum OutputFormat {
    text, json
}
