package dev.sessio.video.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A name people see in the room: 1–60 characters once trimmed, no control or bidi-override characters. */
@Constraint(validatedBy = DisplayName.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DisplayName {

    int MAX = 60;

    String message() default "must be 1 to 60 characters, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DisplayName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return false;
            }
            String trimmed = value.strip();
            int length = trimmed.codePointCount(0, trimmed.length());
            return length >= 1 && length <= MAX && trimmed.codePoints().noneMatch(Validator::forbidden);
        }

        static boolean forbidden(int c) {
            return Character.isISOControl(c)
                    || c == 0x2028 || c == 0x2029                 // line and paragraph separators
                    || (c >= 0x202A && c <= 0x202E)               // bidi embeddings and overrides
                    || (c >= 0x2066 && c <= 0x2069);              // bidi isolates
        }
    }
}
