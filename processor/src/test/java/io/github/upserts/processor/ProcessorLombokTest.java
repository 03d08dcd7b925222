package io.github.upserts.processor;

import static com.google.testing.compile.Compiler.javac;
import static io.github.upserts.processor.TestSource.entity;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

class ProcessorLombokTest {
  static javax.annotation.processing.Processor lombok() {
    try {
      var c = Class.forName("lombok.launch.AnnotationProcessorHider$AnnotationProcessor").getDeclaredConstructor();
      c.setAccessible(true);
      return (javax.annotation.processing.Processor) c.newInstance();
    } catch (ReflectiveOperationException e) { throw new RuntimeException(e); }
  }
  @Test
  void explore() {
    TestSource source = entity("Item",
        "@Upsertable",
        "@lombok.Value",
        "public class Item {",
        "  @Key String id;",
        "  long quantity;",
        "  boolean active;",
        "}");
    for (boolean lombokFirst : new boolean[] {true, false}) {
      javax.annotation.processing.Processor probe = new javax.annotation.processing.AbstractProcessor() {
        public java.util.Set<String> getSupportedAnnotationTypes() { return java.util.Set.of("*"); }
        public javax.lang.model.SourceVersion getSupportedSourceVersion() { return javax.lang.model.SourceVersion.latestSupported(); }
        public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement> a, javax.annotation.processing.RoundEnvironment r) {
          var t = processingEnv.getElementUtils().getTypeElement("test.Item");
          System.out.println("probe round over=" + r.processingOver() + " " + (t == null ? null : t.getEnclosedElements().stream().map(e -> e.getModifiers() + " " + e).toList()));
          return false;
        }
      };
      Compilation c = lombokFirst
          ? javac().withProcessors(lombok(), probe, new UpsertsProcessor()).compile(source.file())
          : javac().withProcessors(probe, new UpsertsProcessor(), lombok()).compile(source.file());
      System.out.println("=== lombokFirst=" + lombokFirst + " " + c.status());
      c.diagnostics().forEach(d -> System.out.println(d));
      if (c.status() == Compilation.Status.SUCCESS) c.generatedSourceFiles().forEach(f -> {
        try { System.out.println(f.getCharContent(true)); } catch (Exception e) { throw new RuntimeException(e); }
      });
    }
  }
}
