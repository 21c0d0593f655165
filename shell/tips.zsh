# tips: a Romantic Sales tip in each new interactive terminal.
#
# Everything here is prefixed with __tips_ so that it cannot collide with
# your own names, and builtins are escaped so that aliases cannot change
# them. It never fails and never prints in a non-interactive shell (scp,
# rsync, sftp, `ssh host cmd`, scripts), where output would break the tool.

__tips_motd() {
    # Interactive, and writing to a terminal.
    [[ -o interactive ]] || return 0
    [[ -t 1 ]] || return 0
    # A quiet login was asked for.
    (( ${+TIPS_QUIET} )) && return 0
    [[ -n ${HOME-} && -e ${HOME-}/.hushlogin ]] && return 0
    \builtin whence -p tips >/dev/null 2>&1 || return 0
    \builtin command tips motd__TIPS_MOTD_OPTIONS__ || \builtin true
}

__tips_motd
\builtin unfunction __tips_motd

# To show a tip in new terminals, add this at the end of ~/.zshrc:
#   eval "$(tips init zsh)"
