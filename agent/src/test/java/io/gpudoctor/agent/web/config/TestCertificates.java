package io.gpudoctor.agent.web.config;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time with the openssl command: a CA, a server certificate for
 * 127.0.0.1 with its key in three PEM forms, and a client certificate the CA signed. Tests that
 * need them are skipped, saying why, where openssl is missing.
 */
public final class TestCertificates {

    public final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates makeIn(Path dir) throws Exception {
        TestCertificates c = new TestCertificates(dir);
        c.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=gpu-doctor test CA");
        c.openssl("genrsa", "-traditional", "-out", "server-pkcs1.key", "2048");
        c.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "server-pkcs1.key", "-out", "server-pkcs8.key");
        c.openssl("req", "-new", "-key", "server-pkcs1.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        c.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "server.ext");
        c.openssl("ecparam", "-genkey", "-name", "prime256v1", "-out", "server-ec.key");
        c.openssl("req", "-x509", "-key", "server-ec.key", "-out", "server-ec.crt", "-days", "2", "-subj", "/CN=localhost");
        c.openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr",
                "-subj", "/CN=scraper");
        Files.writeString(dir.resolve("client.ext"), "subjectAltName=DNS:scraper.example\n");
        c.openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.crt", "-days", "2", "-extfile", "client.ext");
        c.openssl("pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:changeit");
        return c;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Runs openssl in the folder; its exit status and output. */
    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "openssl is not installed: " + e.getMessage());
            throw e;
        }
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("openssl " + args[0] + " did not finish");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        if (result.status() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + result.output());
        }
    }

    /** What an openssl run gave. */
    public record Result(int status, String output) {
    }
}
