"""Time-driven simulation of asynchronous work, shared by every platform.

A ``Job`` runs for ``duration`` seconds of wall time from ``started``: it is ``pending`` for the
first ``pending_fraction`` of it, then ``running`` while its ordered steps complete one after
another, then ``completed``, or ``failed`` when a ``Failure`` names the step that fails (later
steps end ``skipped``).  Nothing runs in the background: the state is computed from the clock
whenever it is read, and ``JobBoard.tick()`` (called by the platform pipeline before every
handler) finalises the jobs whose time is up and applies each one's ``on_finish`` effect once.

Platforms map the neutral status names to their own with ``state(names=...)``: Devopness says
``in-progress`` for ``running``; DeployBot would say ``waiting`` for ``running`` and ``success``
for ``completed``.
"""

from __future__ import annotations

import time
from typing import NamedTuple

PENDING = "pending"
RUNNING = "running"
COMPLETED = "completed"
FAILED = "failed"
SKIPPED = "skipped"
FINISHED = (COMPLETED, FAILED)
PENDING_FRACTION = 0.15


class Failure(NamedTuple):
    """Step ``step`` (1-based) fails with ``reason``, which its log shows."""

    step: int
    reason: str


class StepState(NamedTuple):
    order: int
    name: str
    status: str
    started_at: float | None
    finished_at: float | None


class JobState(NamedTuple):
    status: str
    started_at: float | None  # when it left ``pending``
    finished_at: float | None
    steps: list

    def renamed(self, names: dict) -> "JobState":
        """The same state with the status names of a platform, e.g. ``{"running": "in-progress"}``."""
        steps = [step._replace(status=names.get(step.status, step.status)) for step in self.steps]
        return self._replace(status=names.get(self.status, self.status), steps=steps)


class Job:
    def __init__(self, steps, duration: float, *, started: float | None = None, failure: Failure | None = None,
                 on_finish=None, pending_fraction: float = PENDING_FRACTION):
        if not steps:
            raise ValueError("a job needs at least one step")
        self.steps = list(steps)
        self.duration = float(duration)
        self.started = time.time() if started is None else started
        if failure is not None:
            failure = Failure(max(1, min(int(failure.step), len(self.steps))), failure.reason)
        self.failure = failure
        self.on_finish = on_finish  # called once as on_finish(job, status) when the job is finalised
        self.pending_fraction = pending_fraction
        self.final: JobState | None = None

    @property
    def running_from(self) -> float:
        return self.started + self.duration * self.pending_fraction

    @property
    def _step_seconds(self) -> float:
        return (self.duration - self.duration * self.pending_fraction) / len(self.steps)

    @property
    def ends_at(self) -> float:
        """A failing job ends when its failing step does."""
        if self.failure:
            running = self.duration - self.duration * self.pending_fraction
            return self.running_from + running * self.failure.step / len(self.steps)
        return self.started + self.duration

    @property
    def finished(self) -> bool:
        return self.final is not None

    def state(self, now: float | None = None, names: dict | None = None) -> JobState:
        state = self.final or self._state_at(time.time() if now is None else now)
        return state.renamed(names) if names else state

    def _state_at(self, now: float) -> JobState:
        run_from, end, step_seconds = self.running_from, self.ends_at, self._step_seconds
        failing = self.failure.step if self.failure else None
        last_done = failing or len(self.steps)
        steps = []
        for index, name in enumerate(self.steps):
            order = index + 1
            step_start, step_end = run_from + index * step_seconds, run_from + order * step_seconds
            if failing and order > failing:
                steps.append(StepState(order, name, SKIPPED if now >= end else PENDING, None, None))
            elif now >= step_end or (now >= end and order <= last_done):
                status = FAILED if order == failing else COMPLETED
                steps.append(StepState(order, name, status, step_start, min(step_end, end)))
            elif now >= step_start:
                steps.append(StepState(order, name, RUNNING, step_start, None))
            else:
                steps.append(StepState(order, name, PENDING, None, None))
        if now >= end:
            status, finished_at = (FAILED if failing else COMPLETED), end
        elif now >= run_from:
            status, finished_at = RUNNING, None
        else:
            status, finished_at = PENDING, None
        return JobState(status, run_from if now >= run_from else None, finished_at, steps)

    def finish(self, now: float | None = None) -> None:
        """Freeze the final state and apply the effect (``JobBoard.tick`` calls this)."""
        if self.final is not None:
            return
        self.final = self._state_at(time.time() if now is None else now)
        if self.on_finish is not None:
            self.on_finish(self, self.final.status)

    def step_log(self, order: int, now: float | None = None) -> list:
        """The log lines of step ``order`` so far (empty before it starts); ``KeyError`` if there
        is no such step.  A failed step's log carries the failure reason."""
        step = next((s for s in self.state(now).steps if s.order == order), None)
        if step is None:
            raise KeyError(order)
        lines = []
        if step.started_at:
            lines.append("$ %s" % step.name)
            lines.append("[sandbox] step %d (%s) started" % (order, step.name))
        if step.status == FAILED:
            lines.append(self.failure.reason)
            lines.append("[sandbox] step %d failed" % order)
        elif step.status == COMPLETED:
            lines.append("[sandbox] step %d completed" % order)
        return lines


class JobBoard:
    """The jobs of one platform that have not been finalised yet, in the order they started."""

    def __init__(self):
        self._open: list = []

    def start(self, steps, duration: float, **options) -> Job:
        job = Job(steps, duration, **options)
        self._open.append(job)
        return job

    def tick(self, now: float | None = None) -> None:
        """Finalise, in start order, every job whose end has passed."""
        now = time.time() if now is None else now
        current, self._open = self._open, []
        still_open = []
        for job in current:
            if now >= job.ends_at:
                job.finish(now)
            else:
                still_open.append(job)
        self._open = still_open + self._open  # after them, jobs that an effect started

    @property
    def idle(self) -> bool:
        """No job is open: nothing will change the platform's state until a request does."""
        return not self._open

    def clear(self) -> None:
        self._open = []
