package dev.brindle.lab.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a test needs from the machine: root, commands on the PATH, kernel modules. When something is missing the
 * test is skipped with a loud reason on stderr, except under CI ({@code CI=true}), where a skipped kernel test would
 * hide that nothing was checked: there it fails instead.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NeedsExtension.class)
public @interface Needs {
    /** Needs to run as root (uid 0): namespaces, netlink writes, daemons on port 179. */
    boolean root() default false;

    /** Executables that must be found on the PATH (or as absolute paths). */
    String[] commands() default {};

    /** Kernel modules that must be loaded or built in (checked under /sys/module, never loaded by the test). */
    String[] kernelModules() default {};
}
