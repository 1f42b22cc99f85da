package dev.cellflow.batch.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;

/**
 * The unfinished AWS Batch jobs of one flow, found in every queue by their name ({@code
 * cellflow-FLOW-...}) and told apart by their tags ({@code cellflow:flow}, {@code cellflow:run},
 * {@code cellflow:user}, ...), which the backend sets on every job it submits.
 */
final class FlowJobs {
  static final Set<String> ACTIVE = Set.of("SUBMITTED", "PENDING", "RUNNABLE", "STARTING",
      "RUNNING");

  /**
   * One job.
   *
   * @param id the job id
   * @param status its state
   * @param queue its queue
   * @param run the run id
   * @param pathspec {@code RUN/STEP/TASK}
   * @param user who ran it
   */
  record Job(String id, String status, String queue, int run, String pathspec, String user) {}

  private FlowJobs() {}

  /** The unfinished jobs of {@code flow}, oldest run first. */
  static List<Job> active(BatchClient batch, String flow) {
    String prefix = "cellflow-" + flow.replaceAll("[^A-Za-z0-9_-]", "_") + "-";
    List<String> ids = new ArrayList<>();
    Map<String, String> queues = new java.util.HashMap<>();
    for (var q : batch.describeJobQueuesPaginator(r -> { }).jobQueues()) {
      // with a filter, ListJobs returns every state; the unfinished are kept below
      for (JobSummary s : batch.listJobsPaginator(r -> r.jobQueue(q.jobQueueName())
          .filters(KeyValuesPair.builder().name("JOB_NAME").values(prefix + "*").build()))
          .jobSummaryList()) {
        if (ACTIVE.contains(s.statusAsString())) {
          ids.add(s.jobId());
          queues.put(s.jobId(), q.jobQueueName());
        }
      }
    }
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 100) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 100));
      for (JobDetail d : batch.describeJobs(r -> r.jobs(chunk)).jobs()) {
        Map<String, String> t = d.tags();
        if (!flow.equals(t.get("cellflow:flow")) || !ACTIVE.contains(d.statusAsString())) {
          continue;
        }
        int run = Integer.parseInt(t.getOrDefault("cellflow:run", "0"));
        jobs.add(new Job(d.jobId(), d.statusAsString(), queues.get(d.jobId()), run,
            run + "/" + t.get("cellflow:step") + "/" + t.get("cellflow:task"),
            t.getOrDefault("cellflow:user", "?")));
      }
    }
    jobs.sort(Comparator.comparingInt(Job::run).thenComparing(Job::pathspec));
    return jobs;
  }
}
