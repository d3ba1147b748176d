package io.gpudoctor.agent.web.routes;

import io.gpudoctor.agent.collect.NodeStateSource;
import io.gpudoctor.agent.container.ContainerIdentity;
import io.gpudoctor.agent.container.ContainerRefException;
import io.gpudoctor.agent.diagnosis.Diagnosis;
import io.gpudoctor.agent.diagnosis.DiagnosisText;
import io.gpudoctor.agent.json.Json;
import io.gpudoctor.agent.web.api.ApiException;
import io.gpudoctor.agent.web.api.ErrorCode;
import io.gpudoctor.agent.web.access.Access;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /diagnose[?container=REF][&format=text|json]}: the host diagnosis, or with a REF that
 * container's. A client in a container gets its own container's diagnosis, with or without
 * {@code ?container=}, and may name no other.
 */
public final class DiagnoseRoute {

    private static final Set<String> PARAMETERS = Set.of("container", "format");

    private final NodeStateSource source;

    public DiagnoseRoute(NodeStateSource source) {
        this.source = source;
    }

    public void handle(Context ctx, Access access) {
        QueryParameters query = QueryParameters.of(ctx.queryParamMap(), PARAMETERS);
        boolean text = format(query.get("format"));
        Diagnosis diagnosis = diagnosisFor(access, query.get("container"));
        if (text) {
            ctx.contentType("text/plain; charset=utf-8").result(DiagnosisText.render(diagnosis, false));
        } else {
            ctx.contentType("application/json").result(Json.write(diagnosis));
        }
    }

    /**
     * What {@code access} may see when it asks with {@code ref}: a client in a container its own
     * container's diagnosis; anyone else the host's, or the named container's.
     *
     * @throws ApiException 503 before the first diagnosis; 403 for a client in a container naming
     *                      another; 404 for a REF that names no container, 400 for one that names
     *                      several or is not a REF
     */
    public Diagnosis diagnosisFor(Access access, Optional<String> ref) {
        if (!source.current().ready() || source.current().host().isEmpty()) {
            throw new ApiException(ErrorCode.NOT_READY, "the first diagnosis has not finished yet");
        }
        if (access instanceof Access.OwnContainers own) {
            return diagnose(ownContainer(own.containers(), ref).id());
        }
        return ref.isPresent() ? diagnose(ref.get()) : source.current().host().orElseThrow();
    }

    private static boolean format(Optional<String> format) {
        if (format.isEmpty() || format.get().equals("json")) {
            return false;
        }
        if (format.get().equals("text")) {
            return true;
        }
        throw new ApiException(ErrorCode.BAD_REQUEST, "format must be text or json");
    }

    private Diagnosis diagnose(String ref) {
        try {
            return source.diagnoseContainer(ref);
        } catch (ContainerRefException e) {
            ErrorCode code = switch (e.kind()) {
                case UNKNOWN -> ErrorCode.CONTAINER_NOT_FOUND;
                case AMBIGUOUS -> ErrorCode.AMBIGUOUS_CONTAINER_REF;
                case INVALID -> ErrorCode.INVALID_CONTAINER_REF;
                // The daemon runs as a user that may not see the engines' records: its state, not the caller's fault.
                case DENIED -> ErrorCode.INTERNAL_ERROR;
            };
            throw new ApiException(code, e.getMessage());
        }
    }

    /**
     * Which of the caller's own containers it asks for. Matched here, without resolving the REF
     * on the host, so that naming another container tells nothing about it.
     */
    private static ContainerIdentity ownContainer(List<ContainerIdentity> own, Optional<String> ref) {
        if (ref.isEmpty()) {
            if (own.size() == 1) {
                return own.get(0);
            }
            throw new ApiException(ErrorCode.AMBIGUOUS_CONTAINER_REF, "this address is shared by " + own.size()
                    + " containers; name yours with ?container=, one of: " + String.join(", ", names(own)));
        }
        List<ContainerIdentity> named = own.stream().filter(c -> c.isNamedBy(ref.get())).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw new ApiException(ErrorCode.AMBIGUOUS_CONTAINER_REF, "\"" + ref.get() + "\" names "
                    + named.size() + " of your containers; one of: " + String.join(", ", names(named)));
        }
        throw new ApiException(ErrorCode.FORBIDDEN, "a client in a container may diagnose only its own container"
                + (own.size() == 1 ? " (" + names(own).get(0) + ")" : "s (" + String.join(", ", names(own)) + ")")
                + "; leave out ?container= to get it");
    }

    private static List<String> names(List<ContainerIdentity> containers) {
        return containers.stream().map(ContainerIdentity::displayName).toList();
    }
}
