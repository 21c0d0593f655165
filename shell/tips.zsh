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
    [[ -o interactive ]] || return 0
    [[ -t 1 ]] || return 0
    # A quiet login was asked for.
    (( ${+TIPS_QUIET} )) && return 0
    [[ -n ${HOME-} && -e ${HOME-}/.hushlogin ]] && return 0
    # pam_motd has just shown the message of the day, and tips is in it.
    [[ ${MOTD_SHOWN-} == pam && -x /etc/update-motd.d/60-tips ]] && return 0
    \builtin whence -p tips >/dev/null 2>&1 || return 0
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
# a TZ the shell has but does not export (zsh's clock follows it, tips
# cannot see it), a zone file that is not a regular file (a FIFO would
# hold the C library), a state that is not a regular file (reading a FIFO
# would block).
__tips_shown_today() {
    \builtin local state zone today last
    if [[ ${XDG_STATE_HOME-} == /* ]]; then
        state=${XDG_STATE_HOME}
    elif [[ ${HOME-} == /* ]]; then
        state=${HOME}/.local/state
    else
        return 1
    fi
    state+=/tips/motd-last-shown
    [[ -f ${state} && -r ${state} ]] || return 1
    if (( ${+TZ} )); then
        [[ ${(t)TZ} == *export* ]] || return 1
        zone=${TZ#:}
        [[ -n ${TZ} ]] || zone=Universal
        [[ -n ${zone} ]] || zone=/etc/localtime
        [[ ${zone} == /* ]] || zone=${TZDIR:-/usr/share/zoneinfo}/${zone}
    else
        zone=/etc/localtime
    fi
    [[ ! -e ${zone} || -f ${zone} ]] || return 1
    # Only the two features needed, so the shell gains no other names.
    \builtin zmodload -F zsh/datetime b:strftime p:EPOCHSECONDS 2>/dev/null || return 1
    \builtin strftime -s today '%Y-%m-%d' "${EPOCHSECONDS}" || return 1
    # Up to 12 characters, kept as they are (NULs too): a state of the
    # right form is its 11.
    \builtin read -r -k 12 -u 0 last <"${state}"
    [[ ${last} == "${today}"$'\n' ]]
}

__tips_motd __TIPS_MODE__
\builtin unfunction __tips_motd __tips_shown_today

# To show a tip in new terminals, add this at the end of ~/.zshrc:
#   if command -v tips >/dev/null; then eval "$(tips init zsh)"; fi
