"""moto's server with AWS Batch jobs that really run, for cellflow's tests.

moto (the AWS emulator) serves the Batch, CloudWatch Logs and S3 APIs over HTTP, but in server
mode it runs a Batch job in Docker (absent here: every job fails at once), or, configured
otherwise, marks every job SUCCEEDED without running anything. Neither tests a Batch backend.
This launcher starts moto's server in this process and replaces how a job runs:

- the job moves SUBMITTED -> PENDING -> RUNNABLE -> STARTING -> RUNNING -> SUCCEEDED/FAILED;
  it stays RUNNABLE and STARTING until a DescribeJobs has shown that state, or for
  MOTO_BATCH_DWELL seconds (0.5) when no one asks: a poller sees every state, as it would the
  seconds to minutes these take on AWS, without the emulator adding a fixed wait of its own
  (so a benchmark against it measures cellflow, not AWS's scheduling and container start);
- its container command runs as a local subprocess (the host's shell and JDK stand in for the
  image), in a fresh working folder, with the job's environment plus AWS_BATCH_JOB_ID,
  AWS_BATCH_JOB_ARRAY_INDEX and this emulator's endpoint and test credentials (standing in for
  the job role);
- a multi-node parallel job runs one such process per node, all on this host, each with
  AWS_BATCH_JOB_NODE_INDEX, AWS_BATCH_JOB_NUM_NODES, AWS_BATCH_JOB_MAIN_NODE_INDEX and (the
  other nodes) AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS=127.0.0.1, its command from the
  job's nodeOverrides (which moto drops; kept here); the main node's output is the job's log
  stream (the others' go to <stream>#N), its exit code the job's, and its end stops the others;
- each output line goes to CloudWatch Logs as it is printed, group /aws/batch/job, stream
  <jobDefinitionName>/default/<jobId>, the stream name in DescribeJobs as on AWS;
- TerminateJob kills the process (an array job's, its children's); attemptDurationSeconds is
  enforced; the exit code and the reason are in DescribeJobs; an array job ends when its
  children have;
- a job that no compute environment of its queue could hold (more vCPUs than maxvCpus or than
  its largest instance type, more memory than that instance type) stays RUNNABLE, as on AWS.

It also mends four answers of moto 5.2: "vcpus" as a float in DescribeJobs (aws-sdk-java-v2
wants an integer), the missing container.exitCode, an environment that grows by one
AWS_BATCH_JOB_ID entry at every DescribeJobs (moto appends it to the job's own list), and a
multi-node job definition's nodeProperties, left out of DescribeJobDefinitions.

What it cannot show: the image (the host's JDK runs the command), GPUs, the container's CPU and
memory limits, real capacity and scaling, IAM. Tests that depend on those say so in their names.

Usage:
  python3 moto_batch.py serve PORT_FILE
      listens on a free loopback port, writes it to PORT_FILE when ready, and runs until its
      standard input closes.
  python3 moto_batch.py queue ENDPOINT NAME MAX_VCPUS INSTANCE_TYPE[,...]|FARGATE
      makes a job queue NAME whose one managed compute environment has MAX_VCPUS and those
      instance types (or is a Fargate one), with the IAM role, instance profile, subnet and
      security group it needs.
"""

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime

from moto.batch import models as batch_models
from moto.batch import responses as batch_responses
from moto.batch.utils import JobStatus
from moto.server import ThreadedMotoServer

# Instance types the RUNNABLE check knows: vCPUs and MiB. Unknown types are assumed to fit.
INSTANCE_TYPES = {
    "m5.large": (2, 8192), "m5.xlarge": (4, 16384), "m5.2xlarge": (8, 32768),
    "m5.4xlarge": (16, 65536), "c5.large": (2, 4096), "c5.xlarge": (4, 8192),
    "r5.large": (2, 16384), "r5.xlarge": (4, 32768), "t3.micro": (2, 1024),
    "t3.small": (2, 2048), "t3.medium": (2, 4096),
}

ENDPOINT = None
# the most seconds a job stays RUNNABLE and STARTING when no DescribeJobs shows it (see the doc)
DWELL = float(os.environ.get("MOTO_BATCH_DWELL", "0.5"))
JOBS_TMP = None
RUNNING = set()  # the jobs' processes, killed when the emulator ends


def _requirement(job, kind):
    """The job's request for VCPU, MEMORY or GPU, overrides first (as Batch reads it)."""
    for source in (job.container_overrides.get("resourceRequirements", []),
                   (job.job_definition.container_properties or {}).get(
                       "resourceRequirements", [])):
        for r in source:
            if r["type"] == kind:
                return float(r["value"])
    return 0.0


def _fits(job):
    """Whether some compute environment of the job's queue could ever run it."""
    vcpus, memory = _requirement(job, "VCPU"), _requirement(job, "MEMORY")
    for env in job.job_queue.environments:
        if env.state != "ENABLED":
            continue
        res = env.compute_resources or {}
        if env.env_type == "UNMANAGED" or not res:
            return True
        if res.get("type", "").startswith("FARGATE"):  # no instances: vCPUs alone bound it
            if vcpus <= int(res.get("maxvCpus", 0)):
                return True
            continue
        if vcpus > int(res.get("maxvCpus", 0)):
            continue
        sizes = [INSTANCE_TYPES.get(t) for t in res.get("instanceTypes", [])]
        if any(s is None for s in sizes) or any(
                s[0] >= vcpus and s[1] >= memory for s in sizes):
            return True
    return False


def _advance_to(job, status):
    job.status = status


def _dwell_in(job, status):
    """Moves the job to status and waits until a DescribeJobs has shown it, at most DWELL."""
    shown = threading.Event()
    job.cellflow_waits = (status, shown)  # set before the status, so no describe is missed
    _advance_to(job, status)
    shown.wait(DWELL)


def _run(job):
    """Replaces moto's Docker runner: see the module's doc."""
    try:
        _advance_to(job, JobStatus.PENDING.value)
        time.sleep(0.05)
        _advance_to(job, JobStatus.RUNNABLE.value)
        while not job.stop and not _fits(job):
            time.sleep(0.2)
        if job.stop:
            job._mark_stopped(success=False)
            return
        _dwell_in(job, JobStatus.RUNNABLE.value)
        _dwell_in(job, JobStatus.STARTING.value)
        job.job_started_at = datetime.now()
        job.log_stream_name = job._stream_name
        job._start_attempt()
        logs = job._log_backend
        logs.ensure_log_group(job._log_group)
        logs.ensure_log_stream(job._log_group, job.log_stream_name)
        _advance_to(job, JobStatus.RUNNING.value)
        job.exit_code = _execute(job, logs)
        if job.job_stopped_reason is None and job.exit_code != 0:
            job.job_stopped_reason = "Essential container in task exited"
        job._mark_stopped(success=job.exit_code == 0 and not job.stop)
        _end_array_parent(job)
    except Exception as err:  # a bug here must show, not hang the job
        print(f"moto_batch: job {job.job_id} failed in the emulator: {err!r}", file=sys.stderr)
        job.job_stopped_reason = f"emulator error: {err!r}"
        job._mark_stopped(success=False)


def _end_array_parent(child):
    """An array job ends when its children have: FAILED if one failed (moto leaves it as is)."""
    if "index" not in child.array_properties:
        return
    parent = child.backend.get_job_by_id(child.job_id.split(":")[0])
    children = parent._child_jobs if parent else None
    if children and all(c.job_stopped for c in children):
        parent._mark_stopped(success=all(c.status == JobStatus.SUCCEEDED.value
                                         for c in children))


def _terminate(job, reason):
    """TerminateJob of an array job ends its children, as on AWS."""
    _terminate_one(job, reason)
    for child in job._child_jobs or []:
        _terminate_one(child, reason)


def _execute(job, logs):
    if job.job_definition.type == "multinode":
        return _execute_nodes(job, logs)
    command = job._add_parameters_to_command(job._get_container_property("command", []))
    env = {e["name"]: e["value"] for e in job._get_container_property("environment", [])}
    return _execute_one(job, logs, command, env, job.log_stream_name)


def _node_spec(job, index):
    """Node index's command and environment: its node override over its node range's container."""
    def covers(target, n):
        start, _, end = target.partition(":")
        return int(start or 0) <= index <= (int(end) if end else n - 1)
    props = job.job_definition.node_properties
    n = int(props["numNodes"])
    container = next(r["container"] for r in props["nodeRangeProperties"]
                     if covers(r["targetNodes"], n))
    command, env = container.get("command", []), {
        e["name"]: e["value"] for e in container.get("environment", [])}
    for o in (getattr(job, "node_overrides", None) or {}).get("nodePropertyOverrides", []):
        if covers(o["targetNodes"], n):
            c = o.get("containerOverrides", {})
            command = c.get("command", command)
            env.update({e["name"]: e["value"] for e in c.get("environment", [])})
    return n, command, env


def _execute_nodes(job, logs):
    """A multi-node job: one process per node, each with the variables AWS Batch gives a node;
    the main node's output is the job's log stream, its exit the job's, and when it ends the
    other nodes are stopped, as on AWS."""
    with SUBMIT_LOCK:  # the node overrides are attached once SubmitJob has returned
        pass
    n = int(job.job_definition.node_properties["numNodes"])
    main = int(job.job_definition.node_properties.get("mainNode", 0))
    others = []
    for i in range(n):
        _, command, env = _node_spec(job, i)
        env.update({"AWS_BATCH_JOB_NODE_INDEX": str(i), "AWS_BATCH_JOB_NUM_NODES": str(n),
                    "AWS_BATCH_JOB_MAIN_NODE_INDEX": str(main)})
        if i != main:  # AWS gives the main node's address to the others only
            env["AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS"] = "127.0.0.1"
            stream = f"{job.log_stream_name}#{i}"
            logs.ensure_log_stream(job._log_group, stream)
            t = threading.Thread(target=_execute_one, daemon=True,
                                 args=(job, logs, command, env, stream, f"#{i}"))
            t.start()
            others.append(t)
        else:
            main_spec = (command, env)
    code = _execute_one(job, logs, main_spec[0], main_spec[1], job.log_stream_name, f"#{main}")
    job.nodes_over = True  # the main node's end is the job's: the other nodes are stopped
    for t in others:
        t.join(10)
    return code


def _execute_one(job, logs, command, env, stream, node=""):
    command = job._add_parameters_to_command(command)
    for key in ("PATH", "HOME", "JAVA_HOME", "LANG"):
        if key in os.environ:
            env.setdefault(key, os.environ[key])
    env["TMPDIR"] = JOBS_TMP  # one "host disk" for every job, removed with the emulator
    env["AWS_BATCH_JOB_ID"] = job.job_id + node
    env["AWS_BATCH_JQ_NAME"] = job.job_queue.name
    if "index" in job.array_properties:
        env["AWS_BATCH_JOB_ARRAY_INDEX"] = str(job.array_properties["index"])
    env.update({"AWS_ENDPOINT_URL": ENDPOINT, "AWS_ACCESS_KEY_ID": "test",
                "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": job.backend.region_name})
    workdir = tempfile.mkdtemp(prefix="job-", dir=JOBS_TMP)
    proc = subprocess.Popen(command, env=env, cwd=workdir, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    RUNNING.add(proc)
    reader = threading.Thread(target=_forward, args=(proc, job, logs, stream), daemon=True)
    reader.start()
    limit = job._get_attempt_duration()
    deadline = time.time() + limit if limit else None
    try:
        while proc.poll() is None:
            if job.stop or getattr(job, "nodes_over", False):
                _kill(proc)
            elif deadline and time.time() > deadline:
                job.job_stopped_reason = "Job attempt duration exceeded timeout"
                job.stop = True
                _kill(proc)
            try:
                proc.wait(0.05)  # returns as soon as the process ends
            except subprocess.TimeoutExpired:
                pass
        reader.join(5)
        code = proc.returncode
        return code if code >= 0 else 128 - code  # killed by a signal: 128 + N, as Docker says
    finally:
        RUNNING.discard(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def _kill(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _forward(proc, job, logs, stream):
    for raw in proc.stdout:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        logs.put_log_events(job._log_group, stream,
                            [{"timestamp": int(time.time() * 1000), "message": line}])


_describe = batch_models.Job.describe
_terminate_one = batch_models.Job.terminate
_container_details = batch_models.Job._container_details
_container_property = batch_models.Job._get_container_property


def _describe_mended(job):
    result = _describe(job)
    status, shown = getattr(job, "cellflow_waits", (None, None))
    if status is not None and result.get("status") == status:
        shown.set()
    container = result.get("container")
    if container is not None and job.job_stopped and job.exit_code is not None:
        container["exitCode"] = job.exit_code
    if container is not None and job.job_stopped_reason:
        container.setdefault("reason", job.job_stopped_reason)
    return result


def _container_property_mended(job, name, default):
    """moto's, without appending AWS_BATCH_JOB_ID to the job's own environment list each time."""
    if name != "environment":
        return _container_property(job, name, default)
    env = list(job.container_overrides.get("environment", []))
    given = {e["name"] for e in env}
    for e in (job.job_definition.container_properties or {}).get("environment", []):
        if e["name"] not in given:
            env.append(e)
    env.append({"name": "AWS_BATCH_JOB_ID", "value": job.job_id})
    return env


def _container_details_mended(job):
    details = _container_details(job)
    for key in ("vcpus", "memory"):
        if isinstance(details.get(key), float):
            details[key] = int(details[key])
    return details


_describe_definition = batch_models.JobDefinition.describe


def _describe_definition_mended(definition):
    """moto's, with the nodeProperties it stores but leaves out (AWS answers with them)."""
    result = _describe_definition(definition)
    if definition.node_properties is not None:
        result["nodeProperties"] = definition.node_properties
    return result


SUBMIT_LOCK = threading.Lock()
_submitjob = batch_responses.BatchResponse.submitjob


def _submitjob_keeping_node_overrides(self):
    """moto's SubmitJob drops nodeOverrides; a multi-node job's nodes need them."""
    with SUBMIT_LOCK:
        out = _submitjob(self)
        overrides = self._get_param("nodeOverrides")
        if overrides:
            job = self.batch_backend.get_job_by_id(json.loads(out)["jobId"])
            job.node_overrides = overrides
        return out


def serve(port_file):
    global ENDPOINT, JOBS_TMP
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    JOBS_TMP = tempfile.mkdtemp(prefix="moto-batch-")
    for sig in (signal.SIGTERM, signal.SIGHUP):  # a killed test run still cleans up
        signal.signal(sig, lambda *_: sys.exit(0))
    batch_models.Job.run = _run
    batch_responses.BatchResponse.submitjob = _submitjob_keeping_node_overrides
    batch_models.JobDefinition.describe = _describe_definition_mended
    batch_models.Job.terminate = _terminate
    batch_models.Job.describe = _describe_mended
    batch_models.Job._container_details = _container_details_mended
    batch_models.Job._get_container_property = _container_property_mended
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    ENDPOINT = f"http://{host}:{port}"
    with open(port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(port_file + ".tmp", port_file)
    try:
        sys.stdin.read()  # the test's JVM holds the other end; it closes when the JVM ends
    finally:
        for proc in list(RUNNING):
            _kill(proc)
        server.stop()
        shutil.rmtree(JOBS_TMP, ignore_errors=True)


def queue(endpoint, name, max_vcpus, instance_types):
    import boto3
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
              aws_secret_access_key="test")
    iam, ec2, batch = (boto3.client(s, **kw) for s in ("iam", "ec2", "batch"))
    role = iam.create_role(RoleName=name + "-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    profile = iam.create_instance_profile(
        InstanceProfileName=name + "-profile")["InstanceProfile"]["Arn"]
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName=name + "-sg", Description="cellflow tests",
                                      VpcId=vpc)["GroupId"]
    if instance_types == "FARGATE":  # a Fargate environment: no instance types or role
        resources = dict(type="FARGATE", maxvCpus=int(max_vcpus), subnets=[subnet],
                         securityGroupIds=[group])
    else:
        resources = dict(type="EC2", minvCpus=0, maxvCpus=int(max_vcpus), desiredvCpus=0,
                         instanceTypes=instance_types.split(","), subnets=[subnet],
                         securityGroupIds=[group], instanceRole=profile)
    env = batch.create_compute_environment(
        computeEnvironmentName=name + "-env", type="MANAGED", state="ENABLED",
        serviceRole=role, computeResources=resources)["computeEnvironmentArn"]
    batch.create_job_queue(jobQueueName=name, state="ENABLED", priority=1,
                           computeEnvironmentOrder=[dict(order=1, computeEnvironment=env)])


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2])
    elif sys.argv[1] == "queue":
        queue(*sys.argv[2:6])
    else:
        sys.exit(__doc__)
