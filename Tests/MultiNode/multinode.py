"""Pixora on several machines, for real: one PostgreSQL, one S3-compatible bucket (`rclone serve s3` with SigV4
keys), two API nodes (`pixora serve --no-worker`) and two workers (`pixora worker`), each process with its own data
folder as on separate machines. Run by scripts/multinode-test.sh, which provides the PostgreSQL cluster.

What it checks:
- a video created on node A is rendered by a worker and read from node B: the video whole and by byte range, its
  thumbnail and a scene asset, each equal to the object in the bucket; no node holds a media file on its disk;
- a worker killed with SIGKILL in the middle of a video loses nothing: a new worker (another empty data folder)
  takes the job over through its lease, the video completes, and the user was charged once;
- the first video's segments are encoded by both workers: the rendering worker queues a job per segment, the idle
  worker claims some, the rendering worker takes the rest;
- deleting a video from node B removes its objects from the bucket.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ACCESS_KEY = "pixora-multinode-key"
SECRET_KEY = "pixora-multinode-secret-0123456789"
BUCKET = "media"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fail(message):
    print(f"multinode: FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"multinode: ok: {message}")


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


def call(base, method, path, token=None, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, method=method, data=data)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return Reply(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


class Cluster:
    def __init__(self, binary, database):
        self.binary, self.database = binary, database
        self.root = tempfile.mkdtemp(prefix="pixora-multinode-")
        self.processes = {}
        self.logs = {}

    def start_bucket(self):
        rclone = shutil.which("rclone")
        if not rclone:
            fail("rclone is not installed; run scripts/install-deps.sh --test")
        self.bucket_root = os.path.join(self.root, "bucket")
        os.makedirs(os.path.join(self.bucket_root, BUCKET))
        port = free_port()
        self.spawn("bucket", [rclone, "serve", "s3", self.bucket_root, "--addr", f"127.0.0.1:{port}",
                              "--auth-key", f"{ACCESS_KEY},{SECRET_KEY}", "--config", "/dev/null"], {})
        self.bucket_endpoint = f"http://127.0.0.1:{port}"
        self.wait_listening(port, "bucket")

    def environment(self):
        return {
            "DATABASE_URL": self.database,
            "PIXORA_STORAGE": f"s3://{BUCKET}?endpoint={self.bucket_endpoint}&region=us-east-1",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            # One secret for every process, so a token or signed link from one node is valid on the others.
            "PIXORA_JWT_SECRET": "multinode-" + "0123456789abcdef" * 4,
            "PIXORA_BCRYPT_COST": "4",
            # A killed worker's job is taken over after this lease (the default is 30 s).
            "PIXORA_LEASE_SECONDS": "8",
            "PIXORA_HEARTBEAT_SECONDS": "2",
        }

    def spawn(self, name, arguments, environment):
        log = open(os.path.join(self.root, f"{name}.log"), "wb")
        self.logs[name] = log.name
        self.processes[name] = subprocess.Popen(
            arguments, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **environment},
            start_new_session=True)

    def data(self, name):
        folder = os.path.join(self.root, name)
        os.makedirs(folder, exist_ok=True)
        return folder

    def start_node(self, name):
        port = free_port()
        self.spawn(name, [self.binary, "serve", "--no-worker", "--data", self.data(name), "--port", str(port)],
                   self.environment())
        self.wait_listening(port, name)
        return f"http://127.0.0.1:{port}"

    def start_worker(self, name):
        self.spawn(name, [self.binary, "worker", "--data", self.data(name)], self.environment())

    def wait_listening(self, port, name):
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.processes[name].poll() is not None:
                fail(f"{name} exited at start:\n{self.log(name)[-3000:]}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        fail(f"{name} did not listen on {port}")

    def log(self, name):
        with open(self.logs[name], encoding="utf-8", errors="replace") as text:
            return text.read()

    def kill(self, name):
        self.processes[name].send_signal(signal.SIGKILL)
        self.processes[name].wait()

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def object(self, key):
        with open(os.path.join(self.bucket_root, BUCKET, key), "rb") as stored:
            return stored.read()

    def objects(self, prefix):
        folder = os.path.join(self.bucket_root, BUCKET, prefix)
        found = []
        for directory, _, files in os.walk(folder):
            found += [os.path.relpath(os.path.join(directory, name), folder) for name in files
                      if not name.startswith(".")]
        return sorted(found)

    def media_files(self, name):
        """Files under a process's media folder other than scratch: there must be none."""
        folder = os.path.join(self.root, name, "media")
        found = []
        for directory, _, files in os.walk(folder):
            if os.path.relpath(directory, folder).split(os.sep)[0] == "tmp":
                continue
            found += [os.path.join(directory, name) for name in files]
        return found


def wait_for_video(base, token, video, until=("completed", "failed", "cancelled"), timeout=900):
    deadline = time.time() + timeout
    while time.time() < deadline:
        reply = call(base, "GET", f"/api/v1/videos/{video}", token)
        if reply.status != 200:
            fail(f"GET video {video}: {reply.status} {reply.body[:300]!r}")
        body = reply.json()
        if body["status"] in until:
            return body
        time.sleep(0.25)
    fail(f"video {video} did not reach {until} in {timeout} s")


def create_video(base, token, prompt, seconds=6):
    reply = call(base, "POST", "/api/v1/videos", token, {
        "prompt": prompt, "settings": {"durationSeconds": seconds, "quality": "480p", "aspectRatio": "16:9"}})
    if reply.status != 201:
        fail(f"create video: {reply.status} {reply.body[:300]!r}")
    return reply.json()["id"]


def claimed_by(cluster, workers, marker_sizes):
    """The worker whose log shows a generate_video claim after the sizes recorded in marker_sizes."""
    for name in workers:
        text = cluster.log(name)[marker_sizes[name]:]
        if "job claimed" in text and "generate_video" in text:
            return name
    return None


def main():
    binary = os.environ.get("PIXORA_BIN", ".build/debug/pixora")
    database = os.environ.get("PIXORA_TEST_POSTGRES_URL")
    if not database:
        fail("PIXORA_TEST_POSTGRES_URL is not set: run through scripts/with-postgres.sh")
    cluster = Cluster(os.path.abspath(binary), database)
    try:
        cluster.start_bucket()
        node_a = cluster.start_node("node-a")
        node_b = cluster.start_node("node-b")
        cluster.start_worker("worker-1")
        cluster.start_worker("worker-2")

        reply = call(node_a, "POST", "/api/v1/auth/register", body={
            "email": "multinode@example.com", "password": "multinode-password", "name": "Multi"})
        check(reply.status == 201, f"registered on node A ({reply.status})")
        token = reply.json()["accessToken"]

        # 1. Created on A, rendered by a worker (its segments shared with the other worker), read from B.
        video = create_video(node_a, token, "a video about bees making honey", seconds=20)
        done = wait_for_video(node_b, token, video)
        check(done["status"] == "completed", f"video created on A completed, read on B ({done.get('error')})")
        encoders = {name: sum(1 for line in cluster.log(name).splitlines()
                              if "render segment encoded" in line and video in line)
                    for name in ("worker-1", "worker-2")}
        check(all(count > 0 for count in encoders.values()),
              f"both workers encoded segments of the video ({encoders})")
        stored = cluster.object(f"videos/{video}/v1.mp4")
        whole = call(node_b, "GET", f"/api/v1/videos/{video}/video", token)
        check(whole.status == 200 and whole.body == stored,
              f"node B streams the video from the bucket ({len(stored)} bytes)")
        part = call(node_b, "GET", f"/api/v1/videos/{video}/video", token, headers={"Range": "bytes=1000-1999"})
        check(part.status == 206 and part.body == stored[1000:2000]
              and part.headers["Content-Range"] == f"bytes 1000-1999/{len(stored)}", "node B serves a byte range")
        thumbnail = call(node_a, "GET", f"/api/v1/videos/{video}/thumbnail", token)
        check(thumbnail.status == 200 and thumbnail.body == cluster.object(f"videos/{video}/v1.jpg"),
              "node A serves the thumbnail from the bucket")
        editor = call(node_b, "GET", f"/api/v1/videos/{video}/editor", token).json()
        clip = editor["editorState"]["clips"][0]["asset"]
        asset = call(node_b, "GET", f"/api/v1/assets/{clip}", token)
        check(asset.status == 200 and asset.body == cluster.object(f"assets/{clip[:2]}/{clip}"),
              f"node B serves a scene clip the worker published ({len(asset.body)} bytes)")
        for node in ("node-a", "node-b"):
            check(cluster.media_files(node) == [], f"{node} holds no media file on its disk")

        # 2. A worker killed mid-job: another takes the job over; one charge.
        balance_before = call(node_a, "GET", "/api/v1/users/me/credits", token).json()["balance"]
        marks = {name: len(cluster.log(name)) for name in ("worker-1", "worker-2")}
        second = create_video(node_b, token, "a 6-second video about lighthouses at night")
        deadline = time.time() + 300
        holder = None
        while time.time() < deadline and holder is None:
            holder = claimed_by(cluster, ("worker-1", "worker-2"), marks)
            time.sleep(0.05)
        check(holder is not None, f"{holder} claimed the second video")
        attempts = call(node_a, "GET", f"/api/v1/videos/{second}", token).json()["job"]["attempts"]
        # Let it make something first, so the kill lands in the middle of the work.
        deadline = time.time() + 300
        fraction = 0
        while time.time() < deadline and fraction < 0.2:
            job = call(node_a, "GET", f"/api/v1/videos/{second}", token).json().get("job") or {}
            fraction = (job.get("progress") or {}).get("fraction") or 0
            time.sleep(0.05)
        cluster.kill(holder)
        print(f"multinode: killed {holder} with SIGKILL at {fraction:.0%} of the job")
        cluster.start_worker("worker-3")
        done = wait_for_video(node_a, token, second)
        check(done["status"] == "completed", f"the video completed after the kill ({done.get('error')})")
        check(done["job"]["attempts"] == attempts + 1, f"taken over as attempt {done['job']['attempts']}")
        job = done["job"]["id"]
        takers = [name for name in ("worker-1", "worker-2", "worker-3") if name != holder and any(
            "job claimed" in line and f"attempt={attempts + 1}" in line and job in line
            for line in cluster.log(name).splitlines())]
        check(len(takers) == 1, f"{takers[0] if takers else 'no worker'} took the job over")
        check(cluster.objects(f"videos/{second}") == ["v1.jpg", "v1.mp4"], "its video and thumbnail are in the bucket")
        rows = call(node_a, "GET", "/api/v1/users/me/credits/transactions?limit=100", token).json()["items"]
        charges = [row for row in rows if row.get("reference") == second and row["delta"] < 0]
        refunds = [row for row in rows if row.get("reference") == second and row["delta"] > 0]
        check(len(charges) == 1 and not refunds, f"charged once, never refunded ({charges} {refunds})")
        balance_after = call(node_b, "GET", "/api/v1/users/me/credits", token).json()["balance"]
        check(balance_after == balance_before + charges[0]["delta"], f"balance {balance_before} -> {balance_after}")
        check(rows[0]["balanceAfter"] == balance_after and sum(row["delta"] for row in rows) == balance_after,
              f"the ledger sums to the balance over {len(rows)} rows")

        # 3. Deleting from B removes the objects.
        reply = call(node_b, "DELETE", f"/api/v1/videos/{video}", token)
        check(reply.status == 204 and cluster.objects(f"videos/{video}") == [],
              "deleting on node B removed the video's objects")
        print("multinode: all checks passed")
    except BaseException:
        for name in cluster.logs:
            print(f"----- {name} (last 40 lines)", file=sys.stderr)
            print("\n".join(cluster.log(name).splitlines()[-40:]), file=sys.stderr)
        raise
    finally:
        cluster.stop()
        shutil.rmtree(cluster.root, ignore_errors=True)


if __name__ == "__main__":
    main()
