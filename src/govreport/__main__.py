"""``python -m govreport``: the same as the ``govreport`` command."""

from govreport.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
