// ocr_example: print the text of each image, whole or as it streams in.
//
//   DEEPSEEK_OCR_BASE_URL=http://localhost:8000 ocr_example [--stream] [--prompt TEXT] IMAGE...
//
// The server and key come from DEEPSEEK_OCR_BASE_URL and DEEPSEEK_OCR_API_KEY. Exit status: 0 when every image
// was read, 1 when one failed (one line on stderr says why), 2 on a bad command line.
#include <deepseek_ocr.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view usage =
    "usage: ocr_example [--stream] [--prompt TEXT] IMAGE...\n"
    "Prints the text of each IMAGE (a file path, or an http(s)/data: URL).\n"
    "The server and key come from DEEPSEEK_OCR_BASE_URL and DEEPSEEK_OCR_API_KEY.\n";

struct Arguments {
    bool stream = false;
    std::optional<std::string> prompt;
    std::vector<std::string> images;
};

std::optional<Arguments> parse(int argc, char** argv) {
    Arguments arguments;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--stream") {
            arguments.stream = true;
        } else if (argument == "--prompt" && i + 1 < argc) {
            arguments.prompt = argv[++i];
        } else if (argument.substr(0, 2) == "--") {
            return std::nullopt;
        } else {
            arguments.images.emplace_back(argument);
        }
    }
    if (arguments.images.empty()) {
        return std::nullopt;
    }
    return arguments;
}

bool is_url(std::string_view image) {
    return image.substr(0, 7) == "http://" || image.substr(0, 8) == "https://" || image.substr(0, 5) == "data:";
}

}  // namespace

int main(int argc, char** argv) {
    const auto arguments = parse(argc, argv);
    if (!arguments) {
        std::cerr << usage;
        return 2;
    }
    try {
        const deepseek_ocr::Client client;  // options from the environment
        for (const auto& image : arguments->images) {
            auto request = is_url(image) ? deepseek_ocr::Request::from_url(image)
                                         : deepseek_ocr::Request::from_path(image);
            if (arguments->prompt) {
                request.prompt(*arguments->prompt);
            }
            try {
                if (arguments->stream) {
                    (void)client.stream(request, [](std::string_view delta) { std::cout << delta << std::flush; });
                    std::cout << '\n';
                } else {
                    std::cout << client.ocr(request).text() << '\n';
                }
            } catch (const deepseek_ocr::Error& error) {
                const auto name = error.status_name();  // "OCR_E_IO: the image file cannot be read"
                std::cerr << "ocr_example: " << image << ": " << error.message() << " [" << name.substr(0, name.find(':'))
                          << "]\n";
                return 1;
            }
        }
    } catch (const std::exception& error) {  // a bad environment or a library of another version
        std::cerr << "ocr_example: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
