import sys

from qa_pipeline.cli import main

sys.exit(main())
