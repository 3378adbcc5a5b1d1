/*
 * http_ceiling.c — the fastest libmicrohttpd can answer on this machine: a
 * server that replies to every request with a fixed small JSON body, using
 * the same daemon options as 'portsec serve' (thread pool, epoll). bench/http.sh
 * runs wrk against it beside portsec to show how much of the ceiling the
 * API reaches. Usage: http_ceiling PORT [THREADS]; stops on SIGINT/SIGTERM.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

#include "base/str.h"

static const char body[] = "{\"status\":\"ok\"}";

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    struct MHD_Response *r;
    enum MHD_Result ret;
    static int marker;

    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload;
    if (*con_cls == NULL) {
        *con_cls = &marker;
        return MHD_YES;
    }
    if (*upload_size) {
        *upload_size = 0;       /* read and drop a POST body, as the API must */
        return MHD_YES;
    }
    r = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

int main(int argc, char **argv)
{
    struct MHD_Daemon *d;
    sigset_t set;
    int port = 0, threads = 2, sig;

    if (argc < 2 || !psec_parse_int(argv[1], &port) ||
        (argc > 2 && !psec_parse_int(argv[2], &threads))) {
        fprintf(stderr, "usage: http_ceiling PORT [THREADS]\n");
        return 2;
    }
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)port, NULL,
                         NULL, answer, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
                         MHD_OPTION_CONNECTION_LIMIT, 512u, MHD_OPTION_CONNECTION_TIMEOUT, 10u,
                         MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "http_ceiling: cannot listen on port %d\n", port);
        return 1;
    }
    printf("http_ceiling: listening on port %d\n", port);
    fflush(stdout);
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    return 0;
}
