package org.ancconnect.dhis2standin.web;

/** An error DHIS2 reports as a WebMessage ({@code httpStatus}, {@code httpStatusCode}, {@code status}, {@code message}). */
public class Dhis2Exception extends RuntimeException {

    private final int status;

    public Dhis2Exception(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static Dhis2Exception badRequest(String message) {
        return new Dhis2Exception(400, message);
    }

    public static Dhis2Exception notFound(String message) {
        return new Dhis2Exception(404, message);
    }
}
