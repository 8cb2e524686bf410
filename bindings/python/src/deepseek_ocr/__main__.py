"""python -m deepseek_ocr: see deepseek_ocr._cli."""

import sys

from ._cli import main

sys.exit(main())
