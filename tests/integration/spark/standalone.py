"""A Spark standalone cluster on 127.0.0.1 started with Spark's own launcher (bin/spark-class):
one master and two workers, each a JVM in its own process group, on free ports.

Used by the cluster test and by bench/spark_cluster.py. `stop()` kills the three process groups
(the JVM and anything it forked) and waits for them, so a failed test leaves no JVM behind.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

START_TIMEOUT_S = 180.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def spark_home() -> Path:
    import pyspark  # only the pip package's location: the launcher scripts live beside it

    return Path(pyspark.__file__).resolve().parent


@dataclass
class StandaloneCluster:
    workdir: Path
    workers: int = 2
    worker_memory: str = "1g"
    master_port: int = field(default_factory=free_port)
    webui_port: int = field(default_factory=free_port)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"spark://127.0.0.1:{self.master_port}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "SPARK_HOME": str(spark_home()),
            "SPARK_LOCAL_IP": "127.0.0.1",
            "SPARK_LOG_DIR": str(self.workdir / "logs"),
            "SPARK_WORKER_DIR": str(self.workdir / "work"),
        }

    def _launch(self, name: str, *args: str) -> None:
        launcher = spark_home() / "bin" / "spark-class"
        with (self.workdir / f"{name}.log").open("wb") as log:  # the child keeps its own copy
            process = subprocess.Popen(
                [str(launcher), *args],
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() reaches every child
            )
        self.processes.append(process)

    def status(self) -> dict[str, Any]:
        """The master's own JSON status page (workers, applications)."""
        url = f"http://127.0.0.1:{self.webui_port}/json/"
        with urllib.request.urlopen(url, timeout=5) as response:
            return dict(json.loads(response.read()))

    def start(self) -> StandaloneCluster:
        self.workdir.mkdir(parents=True, exist_ok=True)
        master = "org.apache.spark.deploy.master.Master"
        self._launch(
            "master",
            master,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.master_port),
            "--webui-port",
            str(self.webui_port),
        )
        worker = "org.apache.spark.deploy.worker.Worker"
        for k in range(self.workers):
            self._launch(
                f"worker-{k}",
                worker,
                self.url,
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                self.worker_memory,
                "--webui-port",
                str(free_port()),
                "--work-dir",
                str(self.workdir / f"work-{k}"),
            )
        self._wait_for_workers()
        return self

    def _wait_for_workers(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            dead = [p.args for p in self.processes if p.poll() is not None]
            if dead:
                raise RuntimeError(f"a Spark daemon exited at start: {dead}; see {self.workdir}")
            try:
                alive = [w for w in self.status().get("workers", []) if w.get("state") == "ALIVE"]
            except OSError:
                alive = []
            if len(alive) >= self.workers:
                return
            time.sleep(0.5)
        raise TimeoutError(f"{self.workers} workers not alive after {START_TIMEOUT_S:.0f} s")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)
        self.processes.clear()

    def __enter__(self) -> StandaloneCluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *_exc: object) -> None:
        self.stop()
