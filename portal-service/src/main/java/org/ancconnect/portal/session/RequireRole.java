package org.ancconnect.portal.session;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page (class or method) only for a signed-in user holding one of these roles (PHM, DOCTOR, ADMIN, PATIENT); no
 * roles listed means any signed-in user. Checked by {@link SessionFilter} on the server: a visitor without a session
 * is sent to sign-in and brought back, a signed-in user without the role gets the 403 page.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireRole {

    String[] value() default {};
}
