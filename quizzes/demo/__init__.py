"""Demo quizzes for Nanchang County, loaded by the load_demo management command."""
