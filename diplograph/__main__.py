from diplograph.cli import cli

cli(prog_name="diplograph")
