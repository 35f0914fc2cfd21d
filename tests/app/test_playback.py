"""PlaybackController: steps, jumps, speed and the play timer (it never recomputes)."""

import pytest

from lstm_studio.app.window.playback import SPEED_RANGE, PlaybackController
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel


@pytest.fixture
def model(qapp):
    return SessionModel(new_document(NetworkConfig(seq_len=6)))


@pytest.fixture
def playback(model):
    controller = PlaybackController(model)
    yield controller
    controller.pause()


def test_steps_and_jumps_stay_inside_the_sequence(model, playback):
    playback.step_back()
    assert model.view.time_step == 0
    playback.step_forward()
    playback.step_forward()
    assert model.view.time_step == 2
    playback.last()
    assert model.view.time_step == 5
    playback.step_forward()
    assert model.view.time_step == 5
    playback.first()
    assert model.view.time_step == 0


def test_speed_is_clamped_and_announced(playback, qtbot):
    with qtbot.waitSignal(playback.speedChanged) as blocker:
        playback.set_speed(1000)
    assert blocker.args == [SPEED_RANGE[1]]
    playback.set_speed(0)
    assert playback.speed == SPEED_RANGE[0]


def test_play_advances_and_stops_at_the_end(model, playback, qtbot):
    evaluation = model.evaluation
    playback.set_speed(SPEED_RANGE[1])
    with qtbot.waitSignal(playback.playingChanged, check_params_cb=lambda on: on is False, timeout=15000):
        playback.play()
        assert playback.is_playing
    assert model.view.time_step == 5
    assert model.evaluation is evaluation  # stepping never recomputes


def test_play_at_the_end_starts_again_from_the_first_step(model, playback, qtbot):
    playback.last()
    playback.play()
    assert model.view.time_step == 0 and playback.is_playing


def test_toggle_pauses_and_resumes(model, playback):
    playback.toggle()
    assert playback.is_playing
    playback.toggle()
    assert not playback.is_playing
    assert model.view.time_step == 0
