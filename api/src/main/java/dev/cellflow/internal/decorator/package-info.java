/**
 * Step decorators: where and with what each step runs ({@link
 * dev.cellflow.internal.decorator.StepPlan}) and what happens to its failed attempts. An
 * annotation, magic or {@code --with} option is data; its behaviour is a {@link
 * dev.cellflow.internal.decorator.StepDecorator} found by ServiceLoader. The built-in ones
 * ({@code @Resources}, {@code @Batch}, {@code @Parallel}, {@code @Timeout}, {@code @Retry},
 * {@code @Catch}) are plugins like any other; the runtime knows none of them.
 */
package dev.cellflow.internal.decorator;
