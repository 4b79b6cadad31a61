package io.calisera.bff.testing;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Every test of a {@link BffTest} starts with a {@link StubPlatform} that answers nothing and has
 * seen nothing, and fails when the bff sent a message the test gave the platform no answer to (the
 * bff answered it with a 500 meanwhile, which the test may not have looked at).
 */
public class StubPlatformReset implements TestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext context) {
    context.getApplicationContext().getBean(StubPlatform.class).reset();
  }

  @Override
  public void afterTestMethod(TestContext context) {
    var unanswered = context.getApplicationContext().getBean(StubPlatform.class).unanswered();
    if (!unanswered.isEmpty()) {
      throw new AssertionError("The bff sent what the test gave no answer to: " + unanswered);
    }
  }
}
