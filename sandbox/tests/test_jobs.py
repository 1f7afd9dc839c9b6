"""The platform-neutral job simulator, driven by an explicit clock (no sleeping)."""

from __future__ import annotations

import pytest

from sandbox.faults import Faults
from sandbox.jobs import Failure, Job, JobBoard


def statuses(state):
    return state.status, [step.status for step in state.steps]


def test_a_job_goes_pending_running_completed_step_by_step():
    # duration 10 s from t=100: pending until 101.5, then 3 steps of 2.833 s each, done at 110
    job = Job(["build", "transfer", "activate"], 10, started=100.0)
    assert statuses(job.state(100.0)) == ("pending", ["pending", "pending", "pending"])
    assert job.state(100.0).started_at is None
    assert statuses(job.state(102.0)) == ("running", ["running", "pending", "pending"])
    assert job.state(102.0).started_at == pytest.approx(101.5)
    assert statuses(job.state(105.0)) == ("running", ["completed", "running", "pending"])
    done = job.state(110.0)
    assert statuses(done) == ("completed", ["completed", "completed", "completed"])
    assert done.finished_at == pytest.approx(110.0) and job.ends_at == pytest.approx(110.0)
    assert [step.finished_at for step in done.steps] == pytest.approx([101.5 + 8.5 / 3, 101.5 + 17 / 3, 110.0])


def test_a_failure_stops_at_its_step_and_skips_the_rest():
    job = Job(["a", "b", "c", "d"], 10, started=0.0, failure=Failure(2, "npm ERR! code 1"))
    assert job.ends_at == pytest.approx(1.5 + 8.5 / 2)
    assert statuses(job.state(4.0)) == ("running", ["completed", "running", "pending", "pending"])
    assert statuses(job.state(6.0)) == ("failed", ["completed", "failed", "skipped", "skipped"])
    assert job.step_log(2, 6.0) == ["$ b", "[sandbox] step 2 (b) started", "npm ERR! code 1",
                                    "[sandbox] step 2 failed"]
    assert job.step_log(1, 6.0)[-1] == "[sandbox] step 1 completed"
    assert job.step_log(3, 6.0) == []
    with pytest.raises(KeyError):
        job.step_log(5, 6.0)


def test_failure_step_is_clamped_to_the_steps():
    assert Job(["a", "b"], 1, started=0.0, failure=Failure(9, "x")).failure.step == 2
    assert Job(["a", "b"], 1, started=0.0, failure=Failure(0, "x")).failure.step == 1


def test_platform_status_names():
    job = Job(["deploy"], 10, started=0.0)
    names = {"running": "waiting", "completed": "success"}
    assert statuses(job.state(5.0, names=names)) == ("waiting", ["waiting"])
    assert statuses(job.state(11.0, names=names)) == ("success", ["success"])
    assert statuses(job.state(0.5, names={"running": "in-progress"})) == ("pending", ["pending"])


def test_board_finishes_in_start_order_and_applies_each_effect_once():
    effects = []
    board = JobBoard()
    first = board.start(["x"], 2, started=0.0, on_finish=lambda job, status: effects.append(("first", status)))
    board.start(["x", "y"], 2, started=0.0, failure=Failure(1, "boom"),
                on_finish=lambda job, status: effects.append(("second", status)))
    board.start(["x"], 50, started=0.0, on_finish=lambda job, status: effects.append(("late", status)))
    board.tick(1.0)
    assert effects == []
    board.tick(3.0)
    board.tick(4.0)
    assert effects == [("first", "completed"), ("second", "failed")]
    assert first.finished and first.state(1000.0).finished_at == pytest.approx(2.0)  # frozen
    board.tick(60.0)
    assert effects[-1] == ("late", "completed") and len(effects) == 3


def test_an_effect_may_start_another_job():
    board = JobBoard()
    done = []
    board.start(["a"], 1, started=0.0, on_finish=lambda job, status: board.start(
        ["b"], 1, started=5.0, on_finish=lambda j, s: done.append(s)))
    board.tick(2.0)
    board.tick(7.0)
    assert done == ["completed"]


def test_action_failures_match_on_platform_resource_type_and_operation():
    faults = Faults()
    faults.configure({"action_failures": [
        {"platform": "deployhq", "resource_type": "deployment", "operation": "deploy", "step": 3, "count": 2,
         "reason": "rsync failed"},
        {"resource_type": "server", "operation": "get_status"},
    ]})
    assert faults.take_job_failure("devopness", "deployment", "deploy") is None
    assert faults.take_job_failure("deployhq", "server", "deploy") is None
    assert faults.take_job_failure("deployhq", "deployment", "deploy") == Failure(3, "rsync failed")
    assert faults.take_job_failure("deployhq", "deployment", "deploy") == Failure(3, "rsync failed")
    assert faults.take_job_failure("deployhq", "deployment", "deploy") is None  # count used up
    # no platform key: any platform; get_status and get-status are one operation
    assert faults.take_job_failure("dployr", "server", "get-status") == Failure(1, "Step failed")
    assert faults.action_failures == []


def test_a_job_needs_steps():
    with pytest.raises(ValueError):
        Job([], 1)
