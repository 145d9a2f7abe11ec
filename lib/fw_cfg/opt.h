/* opt.h: parsing jiffy's --fw-cfg option, in QEMU's -fw_cfg syntax. */
#ifndef FW_CFG_OPT_H
#define FW_CFG_OPT_H

#include <stdbool.h>

/* Why an option was refused. */
enum fw_cfg_opt_err {
	FW_CFG_OPT_OK,
	FW_CFG_OPT_EMPTY,          /* nothing at all */
	FW_CFG_OPT_NO_NAME,        /* no name=, or an empty one */
	FW_CFG_OPT_NAME_TOO_LONG,  /* over 55 bytes */
	FW_CFG_OPT_NO_CONTENT,     /* neither file= nor string= */
	FW_CFG_OPT_BOTH_CONTENT,   /* file= and string= */
	FW_CFG_OPT_EMPTY_VALUE,    /* file= or string= with nothing after */
	FW_CFG_OPT_NO_VALUE,       /* a key without "=value" */
	FW_CFG_OPT_UNKNOWN_KEY,    /* not name, file or string */
	FW_CFG_OPT_REPEATED_KEY,   /* a key given twice */
	FW_CFG_OPT_GEN_ID,         /* QEMU's gen_id= (vmgenid): unsupported */
};

/*
 * A parsed "name=opt/NAME,file=PATH" or "name=opt/NAME,string=TEXT".
 * As in QEMU, ",," stands for a comma inside a value and the first
 * element may leave out "name=" ("opt/NAME,file=PATH"). Unlike QEMU, a
 * repeated key is an error (QEMU silently keeps the last one), and so is
 * a key with no value (QEMU reads "file" alone as file=on).
 */
struct fw_cfg_opt {
	const char *name;
	const char *file;   /* NULL unless file= was given */
	const char *string; /* NULL unless string=; stored without a NUL */
	/* QEMU warns about user names outside opt/: the caller should too. */
	bool name_outside_opt;
	enum fw_cfg_opt_err err;
	const char *key; /* the offending key, for UNKNOWN/REPEATED/NO_VALUE */
	char *buf;       /* storage behind the strings */
};

/*
 * Parse arg into o. 0 on success; -EINVAL with o->err (and o->key) saying
 * why; -ENOMEM. Release o afterwards in every case.
 */
int fw_cfg_opt_parse(struct fw_cfg_opt *o, const char *arg);
void fw_cfg_opt_release(struct fw_cfg_opt *o);
/* A phrase for an error, e.g. "name is longer than 55 bytes". */
const char *fw_cfg_opt_strerror(enum fw_cfg_opt_err err);

#endif
