"""`python -m qa`: the `qa` command."""

from qa.cli import main

main()
