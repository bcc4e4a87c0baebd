#ifndef STEPKUBE_CEDITLINE_SHIM_H
#define STEPKUBE_CEDITLINE_SHIM_H

#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <histedit.h>

/* Ctrl-C: while a command runs, SIGINT only raises this flag, which the simulation reads between
   steps; at the prompt the terminal does not send SIGINT at all (see stepkube_el_set_no_isig). */
static volatile sig_atomic_t stepkube_interrupted = 0;

static void stepkube_on_interrupt(int signal_number) {
    (void)signal_number;
    stepkube_interrupted = 1;
}

static inline void stepkube_install_interrupt_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = stepkube_on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, NULL);
}

static inline int stepkube_interrupt_pending(void) { return stepkube_interrupted; }

static inline void stepkube_clear_interrupt(void) { stepkube_interrupted = 0; }

/* While a line is edited, Ctrl-C arrives as a character (bound to a function) instead of a signal. */
static inline int stepkube_el_set_no_isig(EditLine *el) {
    return el_set(el, EL_SETTY, "-d", "-isig", NULL);
}

/* el_set, el_get and history are C variadics, which Swift cannot call: these wrappers can. */

static inline EditLine *stepkube_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int stepkube_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int stepkube_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int stepkube_el_set_history(EditLine *el, History *hist) {
    return el_set(el, EL_HIST, history, hist);
}

static inline int stepkube_el_add_function(EditLine *el, const char *name, const char *help,
                                           unsigned char (*function)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int stepkube_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

static inline int stepkube_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline History *stepkube_history_init(int size) {
    History *hist = history_init();
    HistEvent event;
    history(hist, &event, H_SETSIZE, size);
    history(hist, &event, H_SETUNIQUE, 1);
    return hist;
}

static inline void stepkube_history_enter(History *hist, const char *line) {
    HistEvent event;
    history(hist, &event, H_ENTER, line);
}

static inline void stepkube_history_load(History *hist, const char *path) {
    HistEvent event;
    history(hist, &event, H_LOAD, path);
}

static inline void stepkube_history_save(History *hist, const char *path) {
    HistEvent event;
    history(hist, &event, H_SAVE, path);
}

#endif
