/* The fuzz targets' file plumbing: the readers under test take paths. */
#ifndef PTWALK_FUZZ_FILE_H
#define PTWALK_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* A private directory for this process, made on first use. */
const char *fuzz_dir(void);

/* Writes DATA to DIR/NAME; returns that path (the caller frees it). */
char *fuzz_write(const char *dir, const char *name, const uint8_t *data,
		 size_t size);

#endif
