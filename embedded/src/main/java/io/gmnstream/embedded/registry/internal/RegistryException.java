package io.gmnstream.embedded.registry.internal;

/**
 * A request the registry refuses, carrying the HTTP status and the Confluent error code that the
 * client sees in the JSON body ({"error_code": 40401, "message": "Subject 'x' not found."}).
 */
public final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public RegistryException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    public static RegistryException versionNotFound(int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    public static RegistryException schemaIdNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found.");
    }

    public static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    public static RegistryException subjectCompatibilityNotConfigured(String subject) {
        return new RegistryException(404, 40408, "Subject '" + subject
                + "' does not have subject-level compatibility configured; add ?defaultToGlobal=true to get the global level");
    }

    public static RegistryException invalidSchema(String detail) {
        return new RegistryException(422, 42201, "Invalid schema: " + detail);
    }

    public static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static RegistryException invalidCompatibilityLevel(String level, String allowed) {
        return new RegistryException(422, 42203, "Invalid compatibility level '" + level
                + "'. Valid values are " + allowed);
    }

    public static RegistryException incompatible(String subject, Iterable<String> details) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + details);
    }

    public static RegistryException unauthorized() {
        return new RegistryException(401, 40101, "Unauthorized: send HTTP basic auth credentials of the registry user");
    }

    public static RegistryException badRequest(String detail) {
        return new RegistryException(400, 400, detail);
    }

    public static RegistryException routeNotFound() {
        return new RegistryException(404, 404, "HTTP 404 Not Found");
    }

    public static RegistryException methodNotAllowed() {
        return new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
    }

    public static RegistryException storeError(String detail, Throwable cause) {
        return new RegistryException(500, 50001, "Error in the backend data store - " + detail, cause);
    }
}
