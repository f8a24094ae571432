import sys

from ui.launcher import main

sys.exit(main())
