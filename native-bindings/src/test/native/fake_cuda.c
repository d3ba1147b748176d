// soname: fake-cuda/libcuda.so.1
// soname: fake-cuda-stub/libcuda.so.1 -DFAKE_CUDA_STUB
//
// A fake CUDA driver (libcuda.so.1) with two devices whose every value is distinct and non-round,
// so a test that reads a field from the wrong device, the wrong attribute or a truncated integer
// fails. cuInit's result is set by fake_cuda_set_init_result(). Built with -DFAKE_CUDA_STUB it
// behaves like the toolkit's stubs/libcuda.so that ends up in images by mistake: every entry point
// returns CUDA_ERROR_STUB_LIBRARY.
//
// cuda.h is not available here, so the few types are declared as the driver ABI defines them.
#include <stddef.h>
#include <string.h>

typedef int CUresult;
typedef int CUdevice;

#define CUDA_SUCCESS 0
#define CUDA_ERROR_INVALID_VALUE 1
#define CUDA_ERROR_NOT_INITIALIZED 3
#define CUDA_ERROR_STUB_LIBRARY 34
#define CUDA_ERROR_NO_DEVICE 100
#define CUDA_ERROR_INVALID_DEVICE 101
#define CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR 75
#define CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR 76

#define EXPORT __attribute__((visibility("default")))

struct fake_device {
    const char *name;
    int cc_major;
    int cc_minor;
    size_t total_mem;
};

static const struct fake_device devices[] = {
    {"NVIDIA H100 80GB HBM3 (fake 0)", 9, 0, 85520809983u},
    {"NVIDIA RTX A6000 (fake 1)", 8, 6, 51041271809u},
};
static const int device_count = (int) (sizeof devices / sizeof devices[0]);

static CUresult init_result = CUDA_SUCCESS;
static int initialised = 0;

EXPORT void fake_cuda_set_init_result(int result) {
    init_result = result;
    initialised = 0;
}

#ifdef FAKE_CUDA_STUB
#define STUB_RETURN return CUDA_ERROR_STUB_LIBRARY
#else
#define STUB_RETURN do { } while (0)
#endif

// The real driver answers CUDA_ERROR_NOT_INITIALIZED to device calls until cuInit succeeded.
static CUresult check_device(CUdevice dev) {
    if (!initialised) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    return dev >= 0 && dev < device_count ? CUDA_SUCCESS : CUDA_ERROR_INVALID_DEVICE;
}

EXPORT CUresult cuInit(unsigned int flags) {
    STUB_RETURN;
    if (flags != 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    initialised = init_result == CUDA_SUCCESS;
    return init_result;
}

EXPORT CUresult cuDriverGetVersion(int *version) {
    STUB_RETURN;
    if (version == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *version = 12040;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDeviceGetCount(int *count) {
    STUB_RETURN;
    if (count == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (!initialised) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    *count = device_count;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDeviceGet(CUdevice *device, int ordinal) {
    STUB_RETURN;
    if (device == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    CUresult r = check_device(ordinal);
    if (r == CUDA_SUCCESS) {
        *device = ordinal;
    }
    return r;
}

EXPORT CUresult cuDeviceGetName(char *name, int len, CUdevice dev) {
    STUB_RETURN;
    if (name == NULL || len <= 0) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    CUresult r = check_device(dev);
    if (r == CUDA_SUCCESS) {
        strncpy(name, devices[dev].name, (size_t) len - 1);
        name[len - 1] = '\0';
    }
    return r;
}

EXPORT CUresult cuDeviceGetAttribute(int *value, int attribute, CUdevice dev) {
    STUB_RETURN;
    if (value == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    CUresult r = check_device(dev);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    switch (attribute) {
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR:
        *value = devices[dev].cc_major;
        return CUDA_SUCCESS;
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR:
        *value = devices[dev].cc_minor;
        return CUDA_SUCCESS;
    default:
        return CUDA_ERROR_INVALID_VALUE;
    }
}

EXPORT CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice dev) {
    STUB_RETURN;
    if (bytes == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    CUresult r = check_device(dev);
    if (r == CUDA_SUCCESS) {
        *bytes = devices[dev].total_mem;
    }
    return r;
}

EXPORT CUresult cuGetErrorName(CUresult error, const char **name) {
    STUB_RETURN;
    if (name == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    switch (error) {
    case CUDA_SUCCESS: *name = "CUDA_SUCCESS"; return CUDA_SUCCESS;
    case CUDA_ERROR_INVALID_VALUE: *name = "CUDA_ERROR_INVALID_VALUE"; return CUDA_SUCCESS;
    case CUDA_ERROR_NOT_INITIALIZED: *name = "CUDA_ERROR_NOT_INITIALIZED"; return CUDA_SUCCESS;
    case CUDA_ERROR_STUB_LIBRARY: *name = "CUDA_ERROR_STUB_LIBRARY"; return CUDA_SUCCESS;
    case CUDA_ERROR_NO_DEVICE: *name = "CUDA_ERROR_NO_DEVICE"; return CUDA_SUCCESS;
    case CUDA_ERROR_INVALID_DEVICE: *name = "CUDA_ERROR_INVALID_DEVICE"; return CUDA_SUCCESS;
    default:
        // As the real driver does for a code it does not know.
        *name = NULL;
        return CUDA_ERROR_INVALID_VALUE;
    }
}
