from assessment_models.cli import main

raise SystemExit(main())
