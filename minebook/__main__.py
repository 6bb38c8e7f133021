import sys

from minebook.cli.main import main

sys.exit(main())
