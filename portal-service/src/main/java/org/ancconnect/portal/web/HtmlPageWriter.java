package org.ancconnect.portal.web;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes a rendered page (Qute's String, {@code text/html}) as UTF-8 with the JDK's encoder. The built-in String writer
 * hands the String to Netty, whose UTF-8 encoder reads it a character at a time: every page has non-Latin-1 text (the
 * language switch's සිංහල and தமிழ், dashes), so Java stores it as UTF-16 and that loop took ~10% of the portal's CPU
 * per record page under the 50-user benchmark (JFR, 2026-11-21 20:48; the 40-visit page is ~45 000 characters).
 * {@code String.getBytes(UTF_8)} does the same encoding in bulk. The bytes sent are identical.
 */
@Provider
@Produces(MediaType.TEXT_HTML)
public class HtmlPageWriter implements ServerMessageBodyWriter<String> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return String.class.equals(type);
    }

    @Override
    public void writeResponse(String page, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(page.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return String.class.equals(type);
    }

    @Override
    public void writeTo(String page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(page.getBytes(StandardCharsets.UTF_8));
    }
}
