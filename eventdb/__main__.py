"""`python -m eventdb` runs the command line."""

from eventdb.cli import main

main()
