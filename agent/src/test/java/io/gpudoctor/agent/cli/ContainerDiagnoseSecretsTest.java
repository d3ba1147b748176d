package io.gpudoctor.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Fifty secret-looking variables in the container's environment, its OCI bundle and Docker's
 * config.v2.json: none of their values may appear in the JSON, the text, stderr or any log event,
 * even while the diagnosis has findings to report about the variables it does keep.
 */
class ContainerDiagnoseSecretsTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger rootLogger;
    private Level rootLevel;

    @BeforeEach
    void captureEveryLogEvent() {
        rootLogger = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLevel = rootLogger.getLevel();
        rootLogger.setLevel(Level.ALL);
        logs.start();
        rootLogger.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        rootLogger.detachAppender(logs);
        rootLogger.setLevel(rootLevel);
    }

    static Map<String, String> fiftySecrets() {
        List<String> names = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "GITHUB_TOKEN", "HF_TOKEN",
                "HUGGING_FACE_HUB_TOKEN", "OPENAI_API_KEY", "WANDB_API_KEY", "DB_PASSWORD", "POSTGRES_PASSWORD",
                "MYSQL_ROOT_PASSWORD", "REDIS_URL", "DATABASE_URL", "MONGO_URI", "AMQP_URL", "SENTRY_DSN",
                "STRIPE_SECRET_KEY", "SLACK_WEBHOOK_URL", "GOOGLE_APPLICATION_CREDENTIALS_JSON", "AZURE_CLIENT_SECRET",
                "DOCKER_AUTH_CONFIG", "NPM_TOKEN", "PYPI_PASSWORD", "SSH_PRIVATE_KEY", "JWT_SECRET", "SESSION_SECRET",
                "OAUTH_CLIENT_SECRET", "API_KEY", "APIKEY", "ACCESS_TOKEN", "AUTH_TOKEN", "PRIVATE_KEY",
                "ENCRYPTION_KEY", "MASTER_KEY", "KAFKA_SASL_PASSWORD", "LDAP_BIND_PASSWORD", "SMTP_PASSWORD",
                "VAULT_TOKEN", "CONSUL_HTTP_TOKEN", "GITLAB_TOKEN", "COMET_API_KEY", "NEPTUNE_API_TOKEN",
                "MLFLOW_TRACKING_PASSWORD", "KAGGLE_KEY", "REPLICATE_API_TOKEN", "ANTHROPIC_API_KEY",
                "COHERE_API_KEY", "PINECONE_API_KEY", "S3_SECRET", "GCS_HMAC_SECRET", "TWILIO_AUTH_TOKEN");
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            // The last hides a kept variable's name behind a newline: a parser splitting on lines would keep it.
            String value = i == names.size() - 1 ? "line1\nCUDA_VISIBLE_DEVICES=sEcReT" + i : switch (i % 5) {
                case 0 -> "tok_sEcReT" + i + "xQ9zL2";
                case 1 -> "p4ss-sEcReT" + i + "!w0rd";
                case 2 -> "postgres://admin:sEcReT" + i + "pw@db.internal:5432/prod";
                case 3 -> "-----BEGIN KEY----- sEcReT" + i + "AbCdEf -----END KEY-----";
                default -> "sk-sEcReT" + i + "0123456789abcdef";
            };
            secrets.put(names.get(i), value);
        }
        return secrets;
    }

    @Test
    void noValueOfFiftySecretVariablesAppearsInJsonTextStderrOrLogs() throws Exception {
        ContainerNode node = new ContainerNode(dir);
        Map<String, String> secrets = fiftySecrets();
        secrets.forEach(node::env);
        // Findings that quote the kept variables, so the output is not empty of environment evidence.
        node.env("NVIDIA_DRIVER_CAPABILITIES", "utility").env("CUDA_VISIBLE_DEVICES", "-1");
        node.shmSize = "65536k";

        List<String> outputs = new ArrayList<>();
        for (String format : List.of("json", "text")) {
            CliRun run = node.diagnose("trainer", format);
            outputs.add(run.out());
            outputs.add(run.err());
        }
        logs.list.forEach(event -> outputs.add(event.getFormattedMessage() + " " + event.getMDCPropertyMap()));

        assertThat(secrets).hasSize(50);
        assertThat(outputs.get(0)).contains("CONTAINER_DRIVER_CAPABILITIES_MISSING").contains("CUDA_VISIBLE_DEVICES=-1");
        assertThat(String.join("\n", outputs)).doesNotContain("sEcReT");
        assertThat(outputs).allSatisfy(output -> secrets.values()
                .forEach(value -> assertThat(output).doesNotContain(value)));
    }
}
