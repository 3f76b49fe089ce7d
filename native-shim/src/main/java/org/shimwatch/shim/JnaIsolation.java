package org.shimwatch.shim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Gives the probe's JNA code a JNA of its own, which no copy of JNA in the same process can
 * replace.
 *
 * <p>The probe runs inside other people's JVMs as a {@code -javaagent}, where its jar is appended
 * to the host's class path: a JNA bundled at {@code com/sun/jna/} would lose to (or shadow) the
 * host's own, of another version. JNA cannot be relocated like the probe's other libraries, because
 * its native part binds to the class name {@code com.sun.jna.Native}. So this module's build stores
 * JNA's classes and native parts under {@value #BUNDLED} instead, and this loader defines them
 * under their own names, for itself alone, together with every class of the probe that uses them:
 * those in a package named {@code jna} below {@code org.shimwatch} (the binding {@code
 * org.shimwatch.shim.jna}, the probe's {@code org.shimwatch.probe.environment.jna}). All other
 * classes, the plain Java interfaces those implement among them, come from the probe's own class
 * loader, so callers see ordinary {@link NativeShim} objects.
 *
 * <p>Where the bundled copy is absent (JNA on an ordinary class path, as in some tests), classes
 * load as usual.
 */
public final class JnaIsolation {

  /** Where this module's jar keeps JNA: its own package, so nothing else names it. */
  static final String BUNDLED = "org/shimwatch/shaded/jna/";

  private static final String JNA_PACKAGE = "com.sun.jna.";

  private static final String JNA_RESOURCES = "com/sun/jna/";

  private static final String OWN_PREFIX = "org.shimwatch.";

  private JnaIsolation() {}

  /**
   * Calls {@code className.method()}, a static factory without arguments, with the class loaded
   * beside the bundled JNA.
   *
   * @throws LinkageError when JNA or the class cannot be loaded or linked (as a direct call would)
   * @throws RuntimeException what the factory itself threw
   */
  public static <T> T call(String className, String method, Class<T> type) {
    return call(className, method, type, new Class<?>[0], new Object[0]);
  }

  /** As {@link #call(String, String, Class)}, for a factory that takes one string. */
  public static <T> T call(String className, String method, Class<T> type, String argument) {
    return call(className, method, type, new Class<?>[] {String.class}, new Object[] {argument});
  }

  private static <T> T call(
      String className, String method, Class<T> type, Class<?>[] parameters, Object[] arguments) {
    Method factory;
    try {
      factory = Class.forName(className, true, loader()).getMethod(method, parameters);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      NoClassDefFoundError error = new NoClassDefFoundError(className + "." + method);
      error.initCause(e);
      throw error;
    }
    try {
      return type.cast(factory.invoke(null, arguments));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      IllegalAccessError error = new IllegalAccessError(className + "." + method);
      error.initCause(e);
      throw error;
    }
  }

  /** The loader for the JNA side: the isolating one when JNA is bundled, else the usual one. */
  static ClassLoader loader() {
    return Holder.LOADER;
  }

  /** Whether this process uses the bundled JNA (the probe's jar), rather than a class path one. */
  public static boolean isolated() {
    return Holder.LOADER instanceof Isolating;
  }

  private static final class Holder {
    static final ClassLoader LOADER = create();

    private static ClassLoader create() {
      ClassLoader own = JnaIsolation.class.getClassLoader();
      if (own == null) {
        own = ClassLoader.getSystemClassLoader();
      }
      if (own.getResource(BUNDLED + "com/sun/jna/Native.class") == null) {
        return own;
      }
      return new Isolating(own);
    }
  }

  /**
   * Child-first for JNA and the probe's {@code jna} packages, whose bytes it reads through the
   * parent (JNA's from under {@value #BUNDLED}); parent-first for everything else.
   */
  static final class Isolating extends ClassLoader {

    static {
      registerAsParallelCapable();
    }

    private final ClassLoader source;

    Isolating(ClassLoader source) {
      super("shimwatch-jna", source);
      this.source = source;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!isolated(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (!isolated(name)) {
        throw new ClassNotFoundException(name);
      }
      String path = name.replace('.', '/') + ".class";
      if (name.startsWith(JNA_PACKAGE)) {
        path = BUNDLED + path;
      }
      try (InputStream in = source.getResourceAsStream(path)) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        int dot = name.lastIndexOf('.');
        String pkg = name.substring(0, dot);
        if (getDefinedPackage(pkg) == null) {
          try {
            definePackage(pkg, null, null, null, null, null, null, null);
          } catch (IllegalArgumentException alreadyDefined) {
            // Another thread defined it first: fine.
          }
        }
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, new UncheckedIOException(e));
      }
    }

    /** JNA's own resources (its native dispatch library above all) from the bundled copy. */
    @Override
    public URL getResource(String name) {
      if (name.startsWith(JNA_RESOURCES)) {
        return source.getResource(BUNDLED + name);
      }
      return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.startsWith(JNA_RESOURCES)) {
        URL url = source.getResource(BUNDLED + name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
      }
      return super.getResources(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      URL url = getResource(name);
      try {
        return url == null ? null : url.openStream();
      } catch (IOException e) {
        return null;
      }
    }

    static boolean isolated(String name) {
      if (name.startsWith(JNA_PACKAGE)) {
        return true;
      }
      return name.startsWith(OWN_PREFIX) && name.contains(".jna.");
    }
  }
}
