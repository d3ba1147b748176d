package io.gpudoctor.agent.web;

import io.gpudoctor.agent.json.Json;
import io.gpudoctor.agent.web.api.ErrorCode;

/** The body of every error answer: {@code {"error": {"code": "...", "message": "..."}}}. */
public record ErrorDocument(Error error) {

    /** The error itself; {@code message} is for a person and never holds a stack trace. */
    public record Error(String code, String message) {
    }

    /** The JSON text of an error with this code and message. */
    public static String json(ErrorCode code, String message) {
        return Json.write(new ErrorDocument(new Error(code.name(), message)));
    }

    /** The content type error answers are sent with. */
    public static final String CONTENT_TYPE = "application/json";
}
