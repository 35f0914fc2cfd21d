"""The wheel's build step: compile the translations (``resources/translations/*.ts``) into the
``.qm`` files QTranslator loads, so an installed app never compiles them at run time.
Everything else is configured in pyproject.toml.

The compiler is ``packaging/ts_to_qm.py`` (pure Python, byte for byte what Qt's lrelease
writes), so the build needs nothing beyond setuptools. An editable install (``pip install -e .``)
keeps reading the checkout's ``.ts``; the app compiles them into the user's cache when needed.
"""

import importlib.util
import warnings
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.warnings import InformationOnly

# ``pip install -e .`` would print setuptools' notice that the editable install maps the
# package through an import hook ("Editable installation. Please be careful with folders in your
# working directory with the same name as your package"): information, not a problem of this
# project (the resources folder is mapped to lstm_studio.resources), shown by pip as a warning.
warnings.filterwarnings("ignore", message="Editable installation", category=InformationOnly)

ROOT = Path(__file__).resolve().parent
TRANSLATIONS = ROOT / "resources" / "translations"


def _ts_to_qm():
    """packaging/ts_to_qm.py, loaded by path (the folder is not a package)."""
    spec = importlib.util.spec_from_file_location("_lstm_studio_ts_to_qm", ROOT / "packaging" / "ts_to_qm.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    """build_py that also writes ``lstm_studio/resources/translations/*.qm`` into the build."""

    def run(self):
        super().run()
        if self.editable_mode:
            return
        compiler = _ts_to_qm()
        for ts_file, qm_file in self._translations():
            compiler.compile_ts(ts_file, qm_file)
        for stale in self._out_dir().glob("*.ts"):  # left in build/ by an older build
            stale.unlink()

    def _out_dir(self):
        return Path(self.build_lib) / "lstm_studio" / "resources" / "translations"

    def _translations(self):
        return [(ts, self._out_dir() / f"{ts.stem}.qm") for ts in sorted(TRANSLATIONS.glob("*.ts"))]

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            outputs += [str(qm) for _, qm in self._translations()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithTranslations})
