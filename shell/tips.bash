# tips: a Romantic Sales tip in each new interactive terminal.
#
# Everything here is prefixed with __tips_ so that it cannot collide with
# your own names, and builtins are escaped so that aliases cannot change
# them. It never fails and never prints in a non-interactive shell (scp,
# rsync, sftp, `ssh host cmd`, scripts), where output would break the tool.
# Once the day's tip was shown, it tells so with builtins alone and starts
# no process.

# $1: once-per-day or every-shell.
__tips_motd() {
    # Interactive, and writing to a terminal.
    case $- in
        *i*) ;;
        *) return 0 ;;
    esac
    [[ -t 1 ]] || return 0
    # A quiet login was asked for.
    [[ -z ${TIPS_QUIET+set} ]] || return 0
    [[ -z ${HOME-} || ! -e ${HOME-}/.hushlogin ]] || return 0
    # pam_motd has just shown the message of the day, and tips is in it.
    [[ ${MOTD_SHOWN-} != pam || ! -x /etc/update-motd.d/60-tips ]] || return 0
    \builtin command -v tips >/dev/null 2>&1 || return 0
    if [[ $1 == every-shell ]]; then
        \builtin command tips motd || \builtin true
    elif ! __tips_shown_today; then
        \builtin command tips motd --once-per-day || \builtin true
    fi
}

# Whether `tips motd --once-per-day` already showed today's tip, by the
# rules tips keeps: the day in $XDG_STATE_HOME/tips/motd-last-shown (else
# ~/.local/state/tips/, where HOME is an absolute path), the local date by
# TZ. Only a state in the exact form tips writes, today's date and a
# newline, counts as shown here. Anything else is left to tips, which
# knows what to do: another form of the state (spaces, a NUL, two lines),
# a TZ the shell has but does not export (which zone file the C library
# would read is then unclear), a zone file that is not a regular file (a
# FIFO would hold the C library), a state that is not a regular file
# (reading a FIFO would block).
__tips_shown_today() {
    \builtin local state zone today last IFS=
    if [[ ${XDG_STATE_HOME-} == /* ]]; then
        state=${XDG_STATE_HOME}
    elif [[ ${HOME-} == /* ]]; then
        state=${HOME}/.local/state
    else
        return 1
    fi
    state+=/tips/motd-last-shown
    [[ -f ${state} && -r ${state} ]] || return 1
    if [[ -n ${TZ+set} ]]; then
        [[ ${TZ@a} == *x* ]] || return 1
        zone=${TZ#:}
        [[ -n ${TZ} ]] || zone=Universal
        [[ -n ${zone} ]] || zone=/etc/localtime
        [[ ${zone} == /* ]] || zone=${TZDIR:-/usr/share/zoneinfo}/${zone}
    else
        zone=/etc/localtime
    fi
    [[ ! -e ${zone} || -f ${zone} ]] || return 1
    \builtin printf -v today '%(%Y-%m-%d)T' -1 || return 1
    # Up to 12 characters, with IFS empty so that nothing is trimmed, and
    # stopping at a NUL (which bash would drop): a state of the right form
    # ends (status 1) after its 11.
    \builtin read -r -d '' -n 12 last <"${state}" && return 1
    [[ ${last} == "${today}"$'\n' ]]
}

__tips_motd __TIPS_MODE__
\builtin unset -f __tips_motd __tips_shown_today

# To show a tip in new terminals, add this at the end of ~/.bashrc:
#   if command -v tips >/dev/null; then eval "$(tips init bash)"; fi
