package dev.cellflow.batch.diagnosis;

import dev.cellflow.compute.StepResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.ComputeResource;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;

/**
 * Says why a job may be stuck in RUNNABLE: what it asks for (vCPUs, memory, GPUs) against each
 * compute environment of its queue (state, status, maxvCpus, instance types). AWS Batch itself
 * only leaves such a job waiting, silently, for ever.
 */
public final class RunnableDiagnosis {
  private RunnableDiagnosis() {}

  /** The diagnosis for a job of size {@code r} on {@code queue}, in words. */
  public static String explain(BatchClient batch, String queue, StepResources r) {
    String asked = r.cpu() + " vCPU, " + r.memory() + " MB" + (r.gpu() > 0 ? ", " + r.gpu()
        + " GPU" : "");
    List<JobQueueDetail> qs = batch.describeJobQueues(b -> b.jobQueues(queue)).jobQueues();
    if (qs.isEmpty()) {
      return "the job queue '" + queue + "' does not exist";
    }
    JobQueueDetail q = qs.get(0);
    if (!"ENABLED".equals(q.stateAsString()) || !"VALID".equals(q.statusAsString())) {
      return "the job queue '" + q.jobQueueName() + "' is " + q.stateAsString() + " and "
          + q.statusAsString() + (q.statusReason() != null ? " (" + q.statusReason() + ")" : "")
          + ": enable it, or choose another queue (@Batch(queue = ...) or CELLFLOW_BATCH_QUEUE)";
    }
    List<String> envArns = q.computeEnvironmentOrder().stream()
        .map(ComputeEnvironmentOrder::computeEnvironment).toList();
    List<ComputeEnvironmentDetail> envs = envArns.isEmpty() ? List.of()
        : batch.describeComputeEnvironments(b -> b.computeEnvironments(envArns))
            .computeEnvironments();
    List<String> said = new ArrayList<>();
    boolean anyFits = false;
    for (ComputeEnvironmentDetail e : envs) {
      String why = whyNot(e, r);
      anyFits |= why == null;
      said.add("'" + e.computeEnvironmentName() + "' (" + describe(e) + ")"
          + (why == null ? " could run it" : ": " + why));
    }
    String head = "it asks for " + asked + "; queue '" + q.jobQueueName()
        + "' has compute environment(s) " + String.join("; ", said) + ". ";
    if (envs.isEmpty()) {
      return head + "The queue has no compute environment: add one.";
    }
    return head + (anyFits
        ? "A compute environment can hold it: it is likely waiting for capacity (instances"
            + " starting, jobs ahead of it, the account's EC2 limits)."
        : "No compute environment of the queue can ever run it: ask for less (@Batch or"
            + " @Resources, --with batch:cpu=...,memory=...) or add a larger compute environment"
            + " to the queue.");
  }

  private static String describe(ComputeEnvironmentDetail e) {
    ComputeResource c = e.computeResources();
    return e.stateAsString() + ", " + e.statusAsString()
        + (c == null ? ", unmanaged" : ", maxvCpus " + c.maxvCpus() + ", instance types "
            + String.join(" ", c.instanceTypes()));
  }

  /** Why {@code e} can never run a job of size {@code r}, or null if it could. */
  static String whyNot(ComputeEnvironmentDetail e, StepResources r) {
    if (!"ENABLED".equals(e.stateAsString())) {
      return "it is " + e.stateAsString();
    }
    if ("INVALID".equals(e.statusAsString())) {
      return "it is INVALID" + (e.statusReason() != null ? " (" + e.statusReason() + ")" : "");
    }
    ComputeResource c = e.computeResources();
    if (c == null) {
      return null; // unmanaged: its instances are the owner's business
    }
    if (c.maxvCpus() != null && c.maxvCpus() < r.cpu()) {
      return "maxvCpus " + c.maxvCpus() + " is less than the " + r.cpu() + " vCPUs asked";
    }
    boolean fargate = c.typeAsString() != null && c.typeAsString().startsWith("FARGATE");
    if (r.gpu() > 0 && (fargate || c.instanceTypes().stream().noneMatch(InstanceSizes::gpu))) {
      return "none of its instance types has a GPU";
    }
    if (fargate || c.instanceTypes().isEmpty()) {
      return null;
    }
    int[] largest = {0, 0};
    for (String t : c.instanceTypes()) {
      int[] s = InstanceSizes.of(t.toLowerCase(Locale.ROOT));
      if (s == null) {
        return null; // a type (or "optimal") this table does not know: it may fit
      }
      if (s[0] >= r.cpu() && s[1] >= r.memory()) {
        return null;
      }
      if (s[0] > largest[0] || (s[0] == largest[0] && s[1] > largest[1])) {
        largest = s;
      }
    }
    return "its largest instance type has about " + largest[0] + " vCPUs and " + largest[1]
        + " MB, less than asked";
  }
}
