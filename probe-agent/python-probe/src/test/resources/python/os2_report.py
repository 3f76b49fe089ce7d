# Assembles the report the probe makes on OS/2 from an OS/2 machine's files, here on Linux: the
# facts os2_facts() reads from the machine (SYSLEVEL entries, ver /r, inetver, CONFIG.SYS,
# whether TCPIP32.DLL is there, the Python layout) are read from sample files instead, and the
# POPUPLOG.OS2 entries newer than the last run's start are attached as traps.
#
# usage: os2_report.py PROBE_DIR STATE_DIR LAST_RUN_START SYSLEVEL VER INETVER CONFIG POPUPLOG
#                      LOADED_SOCKET_PYD LOADED_SELECT_PYD SYS_PATH_DIR...
import sys

sys.path.insert(0, sys.argv[1])
import shimwatch_probe as probe  # noqa: E402


def lines(path):
    return probe.text_lines(probe.read_text_file(path))


def main(argv):
    state = probe.State(argv[1])
    probe.atomic_write(state.python_runs, probe.properties_dumps(
        {"lastRunStart": argv[2]}, "a run that started then"))
    config = probe.parse_config_sys(lines(argv[6]))
    facts = {
        "syslevel": probe.parse_syslevel_output(lines(argv[3])),
        "ver": probe.parse_ver(lines(argv[4])),
        "inetver": probe.parse_inetver(lines(argv[5])),
        "config": config,
        "tcpip32": True,
    }
    layout = {"pythonPath": None, "pythonHome": None,
              "loaded": {"_SOCKET.PYD": argv[8], "SELECT.PYD": argv[9]}, "copies": {}}
    for d in argv[10:]:
        names = probe._listing(d)
        for pyd in probe.SHIM_MODULES:
            if pyd in names:
                layout["copies"].setdefault(pyd, []).append(names[pyd])
    facts["layout"] = layout
    environment = probe.os2_environment_from(facts)
    environment["runtime"] = {"name": "EMX Python", "version": "2.3.3"}
    environment["client"] = {"name": "BitTorrent", "version": "3.4.2"}
    traps, seen = probe.new_popuplog_traps(state, probe.read_text_file(argv[7]), 0)
    report = probe.assemble(3, probe.uuid4(), "traps", None, environment, None, 1000, traps)
    sys.stdout.write(probe.json_dumps(report) + "\n")
    sys.stdout.write("SEEN %s\n" % seen)


if __name__ == "__main__":
    main(sys.argv[1:])
