package org.ancconnect.portal.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/** The url-encoded form of a request, as read before the filters ({@code @WithFormRead}); file parts are ignored. */
public final class FormFields {

    private FormFields() {
    }

    public static Map<String, List<String>> of(ResteasyReactiveContainerRequestContext context) {
        return of(((ResteasyReactiveRequestContext) context.getServerRequestContext()).getFormData());
    }

    /** The form of the request being handled, for page methods whose field names are data (e.g. the visit form). */
    public static Map<String, List<String>> current() {
        return of(CurrentRequestManager.get().getFormData());
    }

    private static Map<String, List<String>> of(FormData form) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (form == null) {
            return out;
        }
        for (String name : form) {
            List<String> values = form.get(name).stream().filter(v -> !v.isFileItem()).map(FormValue::getValue).toList();
            out.put(name, values);
        }
        return out;
    }

    /** The first value of a field, or null. */
    public static String first(ResteasyReactiveContainerRequestContext context, String name) {
        FormData form = ((ResteasyReactiveRequestContext) context.getServerRequestContext()).getFormData();
        if (form == null || !form.contains(name)) {
            return null;
        }
        FormValue value = form.getFirst(name);
        return value == null || value.isFileItem() ? null : value.getValue();
    }
}
