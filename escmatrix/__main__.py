from escmatrix.cli import main

main()
